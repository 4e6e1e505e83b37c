package io.dbopt.index;

import java.time.Duration;
import java.util.Objects;

/**
 * One statement of a workload: its SQL text (with literals, or with {@code ?} / {@code $n} placeholders as server
 * statistics report them), how often it ran and how long it took in total.
 *
 * @param sql the statement text, not blank
 * @param calls how many times it ran, at least 1
 * @param totalTime the total execution time of all calls, {@link Duration#ZERO} when unknown
 */
public record WorkloadEntry(String sql, long calls, Duration totalTime) {

    /** Validates. */
    public WorkloadEntry {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("A workload entry needs SQL text");
        }
        if (calls < 1) {
            throw new IllegalArgumentException("A workload entry needs calls >= 1, was " + calls);
        }
        Objects.requireNonNull(totalTime, "totalTime");
        if (totalTime.isNegative()) {
            throw new IllegalArgumentException("totalTime must be >= 0, was " + totalTime);
        }
    }

    /** A statement run once, time unknown. */
    public static WorkloadEntry of(String sql) {
        return new WorkloadEntry(sql, 1, Duration.ZERO);
    }

    /** The mean time per call, {@link Duration#ZERO} when unknown. */
    public Duration meanTime() {
        return totalTime.dividedBy(calls);
    }
}
