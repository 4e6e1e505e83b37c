package io.dbopt.bulk.progress;

import java.time.Duration;

/**
 * Hears how jobs advance. Called on the job's worker threads, so implementations are thread-safe and quick (a slow
 * listener slows the job); an exception thrown by a listener is logged and does not stop the job.
 */
public interface ProgressListener {

    /** A job started. */
    default void onStart(Progress progress) {
    }

    /**
     * A chunk was committed.
     *
     * @param progress the job after the chunk
     * @param chunkRows rows the chunk handled
     * @param chunkTime how long the chunk took, from its first statement to its commit
     */
    default void onChunk(Progress progress, long chunkRows, Duration chunkTime) {
    }

    /** Rows were rejected as bad. */
    default void onRejected(Progress progress, long rows) {
    }

    /**
     * A worker paused before its next chunk.
     *
     * @param reason {@code sleep}, {@code max-rate} or the busy signal's reason
     */
    default void onThrottle(Progress progress, Duration paused, String reason) {
    }

    /** A job finished or failed. */
    default void onFinish(Progress progress) {
    }
}
