package io.dbopt.bulk;

import io.dbopt.bulk.progress.Progress;
import io.dbopt.bulk.progress.ProgressListener;
import io.dbopt.core.metrics.MetricsRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * Turns progress events into the handler's counters and meters, and remembers the last failed job for the health
 * check. Thread-safe.
 */
final class BulkStatistics implements ProgressListener {

    private final MetricsRecorder recorder;
    private final Map<String, Meters> byKind = new ConcurrentHashMap<>();
    final AtomicLong rows = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong chunks = new AtomicLong();
    final AtomicLong finished = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong throttledNanos = new AtomicLong();
    final AtomicReference<Progress> lastFailure = new AtomicReference<>();

    BulkStatistics(MetricsRecorder recorder, IntSupplier running) {
        this.recorder = recorder;
        recorder.gauge(BulkMeters.JOBS_RUNNING, "Bulk jobs and loads running now", "jobs", running::getAsInt);
    }

    private record Meters(MetricsRecorder.Counter rows, MetricsRecorder.Counter rejected, MetricsRecorder.Timer chunk,
                          MetricsRecorder.Summary chunkRows) {
    }

    private Meters meters(String kind) {
        return byKind.computeIfAbsent(kind, k -> new Meters(
                recorder.counter(BulkMeters.ROWS, "Rows written, updated, deleted or moved by committed chunks",
                        "kind", k),
                recorder.counter(BulkMeters.ROWS_REJECTED, "Input rows rejected as bad", "kind", k),
                recorder.timer(BulkMeters.CHUNK, "Time of each committed chunk", "kind", k),
                recorder.summary(BulkMeters.CHUNK_ROWS, "Rows per committed chunk", "rows", "kind", k)));
    }

    @Override
    public void onChunk(Progress progress, long chunkRows, Duration chunkTime) {
        Meters m = meters(progress.kind());
        m.rows().increment(chunkRows);
        m.chunk().recordNanos(chunkTime.toNanos());
        m.chunkRows().record(chunkRows);
        rows.addAndGet(chunkRows);
        chunks.incrementAndGet();
    }

    @Override
    public void onRejected(Progress progress, long n) {
        meters(progress.kind()).rejected().increment(n);
        rejected.addAndGet(n);
    }

    @Override
    public void onThrottle(Progress progress, Duration paused, String reason) {
        String r = reason.equals("sleep") || reason.equals("max-rate") ? reason : "busy";
        recorder.timer(BulkMeters.THROTTLE_PAUSE, "Pauses by throttling", "kind", progress.kind(), "reason", r)
                .recordNanos(paused.toNanos());
        throttledNanos.addAndGet(paused.toNanos());
    }

    @Override
    public void onFinish(Progress progress) {
        boolean ok = progress.state() == Progress.State.FINISHED;
        recorder.counter(BulkMeters.JOBS, "Bulk jobs and loads ended", "kind", progress.kind(), "outcome",
                ok ? "finished" : "failed").increment();
        if (ok) {
            finished.incrementAndGet();
            lastFailure.updateAndGet(f -> f != null && f.job().equals(progress.job()) ? null : f);
        } else {
            failed.incrementAndGet();
            lastFailure.set(progress);
        }
    }

    BulkMetrics snapshot(int running) {
        return new BulkMetrics(Instant.now(), running, finished.get(), failed.get(), rows.get(), rejected.get(),
                chunks.get(), throttledNanos.get() / 1e9);
    }
}
