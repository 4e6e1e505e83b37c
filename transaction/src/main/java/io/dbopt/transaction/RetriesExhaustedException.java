package io.dbopt.transaction;

import io.dbopt.core.ErrorKind;
import java.time.Duration;

/**
 * Every attempt the {@link RetryPolicy} allowed failed with a retryable error (deadlock, serialization failure, lock
 * timeout, lost connection before COMMIT). Nothing was committed. The cause is the last attempt's error; earlier
 * ones are not kept.
 */
public final class RetriesExhaustedException extends TransactionException {

    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final ErrorKind lastKind;
    private final Duration elapsed;

    public RetriesExhaustedException(String transactionName, int attempts, ErrorKind lastKind, Duration elapsed,
                              String limit, Throwable cause) {
        super(TransactionErrorCode.RETRIES_EXHAUSTED, "Transaction '" + transactionName + "' failed " + attempts
                + " time(s) in " + elapsed.toMillis() + " ms, last with " + lastKind + "; gave up because " + limit
                + ": " + lastKind.advice().orElse("reduce contention on the rows it touches"), cause);
        this.attempts = attempts;
        this.lastKind = lastKind;
        this.elapsed = elapsed;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }

    /** The kind of error the last attempt failed with. */
    public ErrorKind lastKind() {
        return lastKind;
    }

    /** Time from the first attempt's start to the last one's failure. */
    public Duration elapsed() {
        return elapsed;
    }
}
