package io.dbopt.bulk.chunk;

import java.time.Duration;
import java.util.Objects;

/**
 * What a chunked job did. Immutable.
 *
 * @param jobId the job's id in the checkpoint table
 * @param rows rows touched by the chunks this run committed
 * @param rowsInAll rows touched by every chunk of the job, earlier runs included
 * @param chunks chunks this run committed
 * @param retries chunks repeated after a lost connection or a retryable error
 * @param elapsed wall time of this run
 * @param medianChunkTime the median time of this run's chunks
 * @param lastChunkSize the chunk size (keys) the adaptive sizing ended at
 */
public record JobResult(String jobId, long rows, long rowsInAll, long chunks, long retries, Duration elapsed,
                        Duration medianChunkTime, long lastChunkSize) {

    /** Validates. */
    public JobResult {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(medianChunkTime, "medianChunkTime");
    }
}
