package io.dbopt.pool.engine;

import io.dbopt.core.metrics.LatencyHistogram;
import io.dbopt.core.metrics.MetricsRecorder;

/**
 * Brings a timer meter up to date from the pool's own histogram, off the borrow path: the borrowing thread records a
 * timed borrow into the {@link LatencyHistogram} only (one atomic increment), and the monitor, every 250 ms, records
 * into the meter each duration added since its last visit, as its bucket's upper bound (at most 12.5 % high, the
 * value the pool's own percentiles report). Recording into a Micrometer timer with percentiles touches a dozen shared
 * cache lines (three time-window histograms, the maximum, two adders, two clock reads); on the borrow path that cost
 * several microseconds per timed borrow under 16 threads on 2 cores. Counts are exact; a duration reaches the meter
 * up to one monitor period late. Not thread-safe: {@link #publish()} is called by the monitor only.
 */
final class TimerPublisher {

    private final LatencyHistogram source;
    private final MetricsRecorder.Timer meter;
    private LatencyHistogram.Snapshot published = LatencyHistogram.Snapshot.EMPTY;

    TimerPublisher(LatencyHistogram source, MetricsRecorder.Timer meter) {
        this.source = source;
        this.meter = meter;
    }

    /** Records into the meter the durations the histogram gained since the last call. */
    void publish() {
        LatencyHistogram.Snapshot now = source.snapshot();
        if (now.count() == published.count()) {
            return;
        }
        now.minus(published).forEachBucket((nanos, count) -> {
            for (long i = 0; i < count; i++) {
                meter.recordNanos(nanos);
            }
        });
        published = now;
    }
}
