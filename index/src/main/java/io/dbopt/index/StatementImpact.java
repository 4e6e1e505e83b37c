package io.dbopt.index;

import java.time.Duration;
import java.util.Objects;

/**
 * How one workload statement's estimated cost changes under an index change.
 *
 * @param statement the statement, literals replaced by {@code ?} and cut for display
 * @param calls how often it ran
 * @param costBefore estimated cost now (PostgreSQL plan cost units; MariaDB rows read)
 * @param costAfter estimated cost after the change
 * @param totalTime its total execution time in the workload, {@link Duration#ZERO} when unknown
 */
public record StatementImpact(String statement, long calls, double costBefore, double costAfter, Duration totalTime) {

    /** Validates. */
    public StatementImpact {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(totalTime, "totalTime");
    }

    /** The share by which the cost falls (negative when it rises). */
    public double reduction() {
        return costBefore <= 0 ? 0 : (costBefore - costAfter) / costBefore;
    }

    /** The estimated execution time saved over the workload: total time times the cost reduction. */
    public Duration timeSaved() {
        double r = reduction();
        return r <= 0 ? Duration.ZERO : Duration.ofNanos((long) (totalTime.toNanos() * r));
    }
}
