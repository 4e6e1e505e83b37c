package io.dbopt.bulk.throttle;

import io.dbopt.bulk.progress.JobProgress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Applies a {@link Throttle} to one job: called by each worker before each chunk, it sleeps as the throttle says and
 * reports the pauses to the job's progress. Thread-safe: the rate ceiling is shared by the job's workers.
 */
public final class Throttler {

    private final Throttle throttle;
    private final JobProgress progress;
    private final BooleanSupplier cancelled;
    private final long startNanos = System.nanoTime();
    private long rowsSoFar;

    /**
     * A throttler for one job.
     *
     * @param cancelled checked while waiting, so that a cancelled job stops pausing
     */
    public Throttler(Throttle throttle, JobProgress progress, BooleanSupplier cancelled) {
        this.throttle = throttle;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /**
     * Waits as long as the throttle says before the next chunk, after a chunk of {@code rowsJustDone} rows.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public void beforeNextChunk(long rowsJustDone) throws InterruptedException {
        if (!throttle.pause().isZero() && rowsJustDone > 0) {
            pause(throttle.pause(), "sleep");
        }
        if (throttle.maxRowsPerSecond() > 0) {
            long waitNanos;
            synchronized (this) {
                rowsSoFar += rowsJustDone;
                long due = (long) (rowsSoFar / throttle.maxRowsPerSecond() * 1e9);
                waitNanos = due - (System.nanoTime() - startNanos);
            }
            if (waitNanos > 0) {
                pause(Duration.ofNanos(waitNanos), "max-rate");
            }
        }
        for (BusySignal signal : throttle.busySignals()) {
            Optional<String> busy = signal.busy();
            while (busy.isPresent() && !cancelled.getAsBoolean()) {
                pause(throttle.busyPoll(), busy.get());
                busy = signal.busy();
            }
        }
    }

    private void pause(Duration d, String reason) throws InterruptedException {
        long t0 = System.nanoTime();
        long end = t0 + d.toNanos();
        // sleep in slices so that a cancel is seen within a second
        while (!cancelled.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 1000)));
        }
        progress.throttled(Duration.ofNanos(System.nanoTime() - t0), reason);
    }
}
