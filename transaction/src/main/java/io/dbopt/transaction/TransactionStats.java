package io.dbopt.transaction;

import io.dbopt.core.ErrorKind;
import java.util.Map;

/**
 * Counts of what a {@link TransactionManager} did since it was built, taken at one moment.
 *
 * @param commits transactions committed
 * @param rollbacks attempts rolled back, retried ones included
 * @param retries retries by the kind of error that caused them
 * @param failures transactions that ended in an error, by kind ({@link ErrorKind#OTHER} for the work's own
 *     exceptions); exhausted retries and unknown outcomes are counted here too
 * @param retriesExhausted transactions that failed after every attempt the policy allowed
 * @param outcomeUnknown transactions whose COMMIT was cut off, so the client cannot know their outcome
 * @param outcomeResolved cut-off COMMITs whose outcome the server told afterwards (committed or rolled back), with
 *     {@code resolveCommitOutcome} on; these are not in {@code outcomeUnknown}
 */
public record TransactionStats(long commits, long rollbacks, Map<ErrorKind, Long> retries,
                               Map<ErrorKind, Long> failures, long retriesExhausted, long outcomeUnknown,
                               long outcomeResolved) {

    /** Copies the maps. */
    public TransactionStats {
        retries = Map.copyOf(retries);
        failures = Map.copyOf(failures);
    }

    /** Retries of every kind. */
    public long totalRetries() {
        return retries.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Retries of one kind. */
    public long retries(ErrorKind kind) {
        return retries.getOrDefault(kind, 0L);
    }

    /** Failures of every kind. */
    public long totalFailures() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Retries per committed transaction; 0 when nothing committed. */
    public double retriesPerCommit() {
        return commits == 0 ? 0 : (double) totalRetries() / commits;
    }
}
