package io.dbopt.pool.engine;

import io.dbopt.core.metrics.LatencyHistogram;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.pool.PoolMeters;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's event counts and latency histograms, each also recorded into its meter ({@link PoolMeters}) through the
 * {@link MetricsRecorder} (a no-op without a registry). Counts are exact; the acquire and usage histograms and
 * timers hold the borrows that were timed ({@link BorrowRecording}). Events here are rare (timeouts, connections
 * opened and closed, resizes) or sampled; nothing is counted on every borrow. A timed borrow records into the
 * histograms only; the monitor brings the two timers up to date from them ({@link #publish()}, see
 * {@link TimerPublisher}), so that a registry adds nothing to the borrow path. Thread-safe.
 */
public final class PoolCounters {

    private final LatencyHistogram acquireTime = new LatencyHistogram();
    private final LatencyHistogram usageTime = new LatencyHistogram();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder creations = new LongAdder();
    private final LongAdder creationFailures = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder grows = new LongAdder();
    private final LongAdder shrinks = new LongAdder();
    private final LongAdder leaksSuspected = new LongAdder();
    /** Hold times of the timed returns, and how many there were. */
    private final LongAdder timedBusyNanos = new LongAdder();
    private final LongAdder timedReturns = new LongAdder();
    /** When the last acquisition timed out (System.nanoTime), 0 before any. */
    private volatile long lastTimeoutNanos;

    /** Null without a registry: nothing to publish. */
    private final TimerPublisher acquirePublisher;
    private final TimerPublisher usagePublisher;
    private final MetricsRecorder.Counter timeoutCounter;
    private final MetricsRecorder.Counter createdCounter;
    private final MetricsRecorder.Counter failedCounter;
    private final MetricsRecorder.Counter evictedCounter;
    private final MetricsRecorder.Counter leakCounter;
    private final MetricsRecorder.Counter growCounter;
    private final MetricsRecorder.Counter shrinkCounter;

    /** Counters whose meters are tagged {@code pool=poolName}. */
    public PoolCounters(MetricsRecorder recorder, String poolName) {
        boolean publishing = recorder != MetricsRecorder.noop();
        acquirePublisher = publishing ? new TimerPublisher(acquireTime,
                recorder.timer(PoolMeters.ACQUIRE, "Time waited for a connection", "pool", poolName)) : null;
        usagePublisher = publishing ? new TimerPublisher(usageTime,
                recorder.timer(PoolMeters.USAGE, "Time a connection was held", "pool", poolName)) : null;
        timeoutCounter = recorder.counter(PoolMeters.TIMEOUTS, "Acquisitions that timed out", "pool", poolName);
        createdCounter = recorder.counter(PoolMeters.CREATED, "Connections opened", "pool", poolName);
        failedCounter = recorder.counter(PoolMeters.CONNECT_FAILURES, "Connection attempts that failed", "pool",
                poolName);
        evictedCounter = recorder.counter(PoolMeters.EVICTED, "Connections closed by the pool", "pool", poolName);
        leakCounter = recorder.counter(PoolMeters.LEAKS, "Borrows past the leak threshold", "pool", poolName);
        growCounter = recorder.counter(PoolMeters.RESIZES, "Adaptive resizes", "pool", poolName, "direction", "grow");
        shrinkCounter = recorder.counter(PoolMeters.RESIZES, "Adaptive resizes", "pool", poolName, "direction",
                "shrink");
    }

    /** A timed acquisition (the count of all acquisitions is kept per thread). */
    void acquired(long nanos) {
        acquireTime.record(nanos);
    }

    /** A timed return (the count of all returns is kept per thread). */
    void returned(long heldNanos) {
        timedReturns.increment();
        timedBusyNanos.add(heldNanos);
        usageTime.record(heldNanos);
    }

    /**
     * Records into the acquire and usage timers the timed borrows and returns since the last call; the monitor calls
     * it every 250 ms (and once more when the pool closes).
     */
    public synchronized void publish() {
        if (acquirePublisher != null) {
            acquirePublisher.publish();
            usagePublisher.publish();
        }
    }

    void timedOut() {
        timeouts.increment();
        timeoutCounter.increment();
        lastTimeoutNanos = System.nanoTime();
    }

    void created() {
        creations.increment();
        createdCounter.increment();
    }

    void creationFailed() {
        creationFailures.increment();
        failedCounter.increment();
    }

    void evicted() {
        evictions.increment();
        evictedCounter.increment();
    }

    void leakSuspected() {
        leaksSuspected.increment();
        leakCounter.increment();
    }

    /** An adaptive resize up. */
    public void grew() {
        grows.increment();
        growCounter.increment();
    }

    /** An adaptive resize down. */
    public void shrank() {
        shrinks.increment();
        shrinkCounter.increment();
    }

    /** The acquire-time histogram's counts now. */
    public LatencyHistogram.Snapshot acquireTime() {
        return acquireTime.snapshot();
    }

    /** The usage-time histogram's counts now. */
    public LatencyHistogram.Snapshot usageTime() {
        return usageTime.snapshot();
    }

    /** Acquisitions that timed out since start. */
    public long timeouts() {
        return timeouts.sum();
    }

    /** Whether an acquisition timed out within the last {@code window}. */
    public boolean timedOutWithin(java.time.Duration window) {
        long t = lastTimeoutNanos;
        return t != 0 && System.nanoTime() - t <= window.toNanos();
    }

    long creations() {
        return creations.sum();
    }

    long creationFailures() {
        return creationFailures.sum();
    }

    /** Connections closed by the pool since start. */
    public long evictions() {
        return evictions.sum();
    }

    long grows() {
        return grows.sum();
    }

    long shrinks() {
        return shrinks.sum();
    }

    long leaksSuspected() {
        return leaksSuspected.sum();
    }

    /** Summed hold time of the timed returns. */
    public long timedBusyNanos() {
        return timedBusyNanos.sum();
    }

    /** How many returns were timed. */
    public long timedReturns() {
        return timedReturns.sum();
    }
}
