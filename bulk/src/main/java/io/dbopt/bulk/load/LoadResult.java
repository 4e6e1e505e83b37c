package io.dbopt.bulk.load;

import io.dbopt.bulk.failure.BadRow;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a load did, with exact row counts (never a driver's "success, count unknown"). Immutable.
 *
 * @param table the target table
 * @param strategy the strategy used
 * @param rowsRead input rows read by this run (rows skipped on resume not included)
 * @param rowsSkipped input rows skipped because an earlier run of the same job committed them
 * @param rowsInserted rows inserted by this run
 * @param rowsUpdated existing rows updated by an upsert in this run
 * @param rowsRejected input rows rejected by this run
 * @param chunks transactions committed
 * @param retries attempts repeated after a lost connection or a retryable error
 * @param elapsed wall time of this run
 * @param badRows the first rejected rows (at most 100; the handler got them all)
 */
public record LoadResult(String table, LoadStrategy strategy, long rowsRead, long rowsSkipped, long rowsInserted,
                         long rowsUpdated, long rowsRejected, long chunks, long retries, Duration elapsed,
                         List<BadRow> badRows) {

    /** At most this many bad rows are kept in the result. */
    public static final int KEPT_BAD_ROWS = 100;

    /** Validates and copies. */
    public LoadResult {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(elapsed, "elapsed");
        badRows = List.copyOf(badRows);
    }

    /** Rows inserted or updated. */
    public long rowsLoaded() {
        return rowsInserted + rowsUpdated;
    }

    /** Rows per second of this run. */
    public double rowsPerSecond() {
        return elapsed.isZero() ? 0 : rowsLoaded() * 1e9 / elapsed.toNanos();
    }
}
