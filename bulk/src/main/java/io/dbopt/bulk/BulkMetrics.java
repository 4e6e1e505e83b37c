package io.dbopt.bulk;

import io.dbopt.core.component.ComponentMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a {@link BulkOperationHandler}'s numbers since it was created. Immutable.
 *
 * @param at when the snapshot was taken
 * @param jobsRunning jobs and loads running now
 * @param jobsFinished jobs and loads finished
 * @param jobsFailed jobs and loads that failed or were cancelled
 * @param rows rows loaded, updated, deleted or moved
 * @param rowsRejected input rows rejected as bad
 * @param chunks chunks committed
 * @param throttledSeconds time spent paused by throttling, summed over workers
 */
public record BulkMetrics(Instant at, int jobsRunning, long jobsFinished, long jobsFailed, long rows,
                          long rowsRejected, long chunks, double throttledSeconds) implements ComponentMetrics {

    /** Validates. */
    public BulkMetrics {
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Map<String, Number> values() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("jobs_running", jobsRunning);
        m.put("jobs_finished", jobsFinished);
        m.put("jobs_failed", jobsFailed);
        m.put("rows", rows);
        m.put("rows_rejected", rowsRejected);
        m.put("chunks", chunks);
        m.put("throttled_seconds", throttledSeconds);
        return m;
    }
}
