package io.dbopt.bulk.chunk;

import io.dbopt.bulk.progress.ProgressTracker;
import io.dbopt.bulk.throttle.Throttle;
import io.dbopt.core.Checks;
import io.dbopt.core.Dialect;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What a {@link ChunkManager} works with, as the handler read it from the configuration. Immutable.
 *
 * @param dataSource where workers borrow their connections (one per worker for the whole job)
 * @param dialect the server
 * @param progress where jobs report
 * @param checkpointTable the checkpoint table's name
 * @param chunkSize the first chunk's size in keys
 * @param minChunkSize the smallest size adaptation may choose
 * @param maxChunkSize the largest size adaptation may choose
 * @param targetChunkTime the time a chunk should take
 * @param workers worker threads per job
 * @param throttle the default throttle
 * @param statementTimeout time limit of each chunk's statements (PostgreSQL)
 * @param retryAttempts attempts of a chunk after a lost connection or a retryable error
 * @param retryBackoff first wait before a retry, doubled each time up to 30 s
 */
public record ChunkSettings(DataSource dataSource, Dialect dialect, ProgressTracker progress, String checkpointTable,
                            int chunkSize, int minChunkSize, int maxChunkSize, Duration targetChunkTime, int workers,
                            Throttle throttle, Duration statementTimeout, int retryAttempts, Duration retryBackoff) {

    /** Validates. */
    public ChunkSettings {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(progress, "progress");
        Checks.notBlank("checkpointTable", checkpointTable);
        Checks.positive("chunkSize", chunkSize);
        Checks.positive("minChunkSize", minChunkSize);
        if (maxChunkSize < minChunkSize) {
            throw new IllegalArgumentException("maxChunkSize " + maxChunkSize + " is below minChunkSize "
                    + minChunkSize);
        }
        Checks.positive("targetChunkTime", targetChunkTime);
        Checks.positive("workers", workers);
        Objects.requireNonNull(throttle, "throttle");
        Checks.positive("statementTimeout", statementTimeout);
        Checks.notNegative("retryAttempts", retryAttempts);
        Checks.notNegative("retryBackoff", retryBackoff);
    }
}
