package io.dbopt.bulk.chunk;

import java.time.Duration;

/**
 * Adapts the chunk size (in keys) towards a target time per chunk: after each chunk the size is scaled by
 * target / actual, by at most a factor of two either way, within the bounds. Thread-safe: a job's workers share it.
 */
final class ChunkSizer {

    private final long targetNanos;
    private final long min;
    private final long max;
    private long size;

    ChunkSizer(long initial, long min, long max, Duration target) {
        this.min = min;
        this.max = max;
        this.size = Math.max(min, Math.min(max, initial));
        this.targetNanos = target.toNanos();
    }

    synchronized long size() {
        return size;
    }

    /** Takes the time of a chunk of {@code keys} keys into account. */
    synchronized void observe(long keys, long nanos) {
        if (keys <= 0 || nanos <= 0) {
            return;
        }
        double factor = Math.max(0.5, Math.min(2.0, (double) targetNanos / nanos));
        long next = (long) (keys * factor);
        size = Math.max(min, Math.min(max, Math.max(1, next)));
    }
}
