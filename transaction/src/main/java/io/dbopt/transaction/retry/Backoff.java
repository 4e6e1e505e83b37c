package io.dbopt.transaction.retry;

import io.dbopt.transaction.RetryPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The waits of a {@link RetryPolicy}: exponential ceilings ({@code min(maxBackoff, initialBackoff * 2^(n-2))} before
 * attempt {@code n}) and full jitter (a wait drawn uniformly from zero to the ceiling, both included), so that
 * transactions that failed together do not retry together. Stateless.
 */
public final class Backoff {

    private Backoff() {
    }

    /** The upper bound of the wait before attempt {@code nextAttempt} (2 = the first retry). */
    public static Duration ceiling(RetryPolicy policy, int nextAttempt) {
        int shift = Math.min(30, Math.max(0, nextAttempt - 2));
        long nanos = policy.initialBackoff().toNanos();
        long ceiling = nanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : nanos << shift;
        return Duration.ofNanos(Math.min(ceiling, policy.maxBackoff().toNanos()));
    }

    /** A wait before attempt {@code nextAttempt}, in nanoseconds, uniform in {@code [0, ceiling]}. */
    public static long sampleNanos(RetryPolicy policy, int nextAttempt, RandomGenerator random) {
        long ceiling = ceiling(policy, nextAttempt).toNanos();
        return ceiling <= 0 ? 0 : ceiling == Long.MAX_VALUE ? random.nextLong(ceiling) : random.nextLong(ceiling + 1);
    }
}
