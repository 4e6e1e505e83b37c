package io.dbopt.bulk.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * The handle a running job reports through: {@link #chunkDone}, {@link #rejected}, {@link #throttled},
 * {@link #finish}. Obtained from {@link ProgressTracker#start}. Thread-safe: the workers of one job share it.
 */
public final class JobProgress {

    /** The rate is measured over the chunks of about this many last seconds. */
    private static final long RATE_WINDOW_NANOS = 10_000_000_000L;

    private final ProgressTracker tracker;
    private final String job;
    private final String kind;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Deque<long[]> samples = new ArrayDeque<>();
    private OptionalLong total;
    private boolean estimated;
    private long rowsDone;
    private long chunks;
    private long rejected;
    private long throttledNanos;
    private Progress.State state = Progress.State.RUNNING;
    private long endNanos;

    JobProgress(ProgressTracker tracker, String job, String kind, OptionalLong total, boolean estimated) {
        this.tracker = tracker;
        this.job = job;
        this.kind = kind;
        this.total = total;
        this.estimated = estimated;
        samples.add(new long[] {startNanos, 0});
    }

    /** The job's name. */
    public String job() {
        return job;
    }

    /** Sets or corrects the expected total (an estimate becomes exact when the job counts its rows). */
    public synchronized void total(long rows, boolean isEstimate) {
        this.total = OptionalLong.of(rows);
        this.estimated = isEstimate;
    }

    /** Rows already done before this run (a resumed job), counted without a chunk event. */
    public synchronized void alreadyDone(long rows, long rejectedRows) {
        rowsDone += rows;
        rejected += rejectedRows;
    }

    /** A chunk was committed. */
    public void chunkDone(long rows, Duration time) {
        synchronized (this) {
            rowsDone += rows;
            chunks++;
            long now = System.nanoTime();
            samples.addLast(new long[] {now, rowsDone});
            while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW_NANOS) {
                samples.removeFirst();
            }
            if (total.isPresent() && estimated && rowsDone > total.getAsLong()) {
                total = OptionalLong.of(rowsDone);
            }
        }
        tracker.chunk(this, rows, time);
    }

    /** Rows were rejected. */
    public void rejected(long rows) {
        synchronized (this) {
            rejected += rows;
        }
        tracker.rejected(this, rows);
    }

    /** A worker paused. */
    public void throttled(Duration paused, String reason) {
        synchronized (this) {
            throttledNanos += paused.toNanos();
        }
        tracker.throttled(this, paused, reason);
    }

    /** The job ended; {@code ok} false when it failed or was cancelled. Idempotent. */
    public void finish(boolean ok) {
        synchronized (this) {
            if (state != Progress.State.RUNNING) {
                return;
            }
            state = ok ? Progress.State.FINISHED : Progress.State.FAILED;
            endNanos = System.nanoTime();
            if (ok && estimated) {
                total = OptionalLong.of(rowsDone);
                estimated = false;
            }
        }
        tracker.finished(this);
    }

    /** Where the job stands now. */
    public synchronized Progress snapshot() {
        long now = state == Progress.State.RUNNING ? System.nanoTime() : endNanos;
        double rate = 0;
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        if (first != null && last != null && last[0] > first[0]) {
            rate = (last[1] - first[1]) * 1e9 / (last[0] - first[0]);
        }
        return new Progress(job, kind, state, rowsDone, total, estimated, chunks, rejected, rate,
                Duration.ofNanos(now - startNanos), Duration.ofNanos(throttledNanos), startedAt);
    }
}
