package io.dbopt.transaction;

import io.dbopt.core.ErrorKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When and how often a failed transaction is run again: exponential backoff with full jitter (a random wait between
 * zero and {@code min(maxBackoff, initialBackoff * 2^(attempt-1))}), bounded by a number of attempts and by a total
 * time. Only errors whose {@link ErrorKind} is in {@link #retryOn()} are retried, and only when it is safe: never
 * inside an outer transaction, never after a COMMIT whose outcome is unknown. Immutable and thread-safe.
 *
 * @param maxAttempts attempts in total, including the first; 1 means no retry
 * @param initialBackoff the upper bound of the first wait
 * @param maxBackoff the largest upper bound of any wait
 * @param maxElapsed no attempt starts later than this after the first one began
 * @param retryOn the error kinds that are retried
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed,
                          Set<ErrorKind> retryOn) {

    /**
     * The kinds retried by default: deadlock victims, serialization failures, lock timeouts (MariaDB 1205 included:
     * the whole transaction is rolled back first) and connections lost before COMMIT was sent.
     */
    public static final Set<ErrorKind> DEFAULT_KINDS = Set.copyOf(EnumSet.of(ErrorKind.DEADLOCK,
            ErrorKind.SERIALIZATION_FAILURE, ErrorKind.LOCK_TIMEOUT, ErrorKind.CONNECTION_LOST));

    private static final RetryPolicy DEFAULTS = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofSeconds(1),
            Duration.ofSeconds(30), DEFAULT_KINDS);
    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Set.of());

    /** Validates every bound and copies the kinds. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (1 = no retry), was " + maxAttempts);
        }
        requireNonNegative(initialBackoff, "initialBackoff");
        requireNonNegative(maxBackoff, "maxBackoff");
        requireNonNegative(maxElapsed, "maxElapsed");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                    + initialBackoff);
        }
        Objects.requireNonNull(retryOn, "retryOn");
        for (ErrorKind kind : retryOn) {
            if (!kind.retryable()) {
                throw new IllegalArgumentException(kind + " cannot be retried: running the same transaction again "
                        + "fails the same way");
            }
        }
        retryOn = Set.copyOf(retryOn);
    }

    private static void requireNonNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + d);
        }
    }

    /**
     * Ten attempts (as {@code pgbench --max-tries=10}), backoff from 10 ms up to 1 s, 30 s in total, on
     * {@link #DEFAULT_KINDS}.
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** A copy with another number of attempts (including the first). */
    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(value, initialBackoff, maxBackoff, maxElapsed, retryOn);
    }

    /** A copy with other backoff bounds. */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, maxElapsed, retryOn);
    }

    /** A copy with another total time budget. */
    public RetryPolicy withMaxElapsed(Duration value) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, value, retryOn);
    }

    /** A copy retrying exactly these kinds. */
    public RetryPolicy withRetryOn(Set<ErrorKind> kinds) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxElapsed, kinds);
    }

    /** Whether this policy ever retries. */
    public boolean retries() {
        return maxAttempts > 1 && !retryOn.isEmpty();
    }

    /** Whether an error of this kind is retried by this policy (attempt and time bounds aside). */
    public boolean retries(ErrorKind kind) {
        return retryOn.contains(kind);
    }
}
