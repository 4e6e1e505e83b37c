package io.dbopt.query;

import java.time.Duration;
import java.util.Objects;

/**
 * What a profiler recorded for one statement kind over its whole life, evicted fingerprints included: the numbers
 * only grow (until {@link QueryProfiler#reset()}), so they suit monotonic counters.
 *
 * @param executions statements run
 * @param total their summed duration
 * @param errors statements that failed
 */
public record KindTotals(long executions, Duration total, long errors) {

    /** Validates. */
    public KindTotals {
        Objects.requireNonNull(total, "total");
    }
}
