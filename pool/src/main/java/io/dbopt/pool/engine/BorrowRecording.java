package io.dbopt.pool.engine;

import io.dbopt.pool.LeakCapture;
import java.util.concurrent.TimeUnit;

/**
 * What the pool records per borrow, decided off the borrow path and read on it as plain fields: which borrows are
 * timed, whether the borrowing stack is captured, whether the event log is on. The leak scanner tunes it every
 * 250 ms. Thread-safe.
 */
public final class BorrowRecording {

    /** How long borrow stacks are recorded after a suspected leak, with {@link LeakCapture#ON_SUSPICION}. */
    static final long ARM_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** While the pool lends more, at least this many borrows a second are timed; once tuned, at most twice as many. */
    static final int TIMED_PER_SECOND = 1_000;
    /**
     * The smallest share of borrows timed: one in 2^20, so that the bound above holds up to a billion borrows a second.
     * (It was one in 1,024: at 10-20 million borrows a second on two cores, 10,000-20,000 were timed a second, twice
     * as many durations for the monitor to record into a registry's timers.)
     */
    static final int MAX_MASK = (1 << 20) - 1;

    private final boolean captureAlways;
    private final boolean captureOnSuspicion;
    /**
     * Which borrows are timed: one in {@code timingMask + 1}, at random. Every borrow while the pool lends fewer than
     * about {@link #TIMED_PER_SECOND} a second; above, a sample of 1 to 2 times that many a second, because two clock
     * reads cost more than the rest of a borrow, and every timed borrow is recorded again by the monitor into a
     * registry's timers.
     */
    private volatile int timingMask;
    /** Whether borrow stacks are being recorded after a suspected leak. */
    private volatile boolean captureArmed;
    /** Until when (monitor clock) borrow stacks are recorded; read by the monitor only. */
    private long captureUntil;

    /** The switches for a pool with this stack-capture mode; every borrow timed until the first tuning. */
    public BorrowRecording(LeakCapture capture) {
        this.captureAlways = capture == LeakCapture.ALWAYS;
        this.captureOnSuspicion = capture == LeakCapture.ON_SUSPICION;
    }

    int timingMask() {
        return timingMask;
    }

    /** Whether this borrow records where it happened. */
    boolean captureSite() {
        return captureAlways || captureArmed;
    }

    /**
     * Times from {@link #TIMED_PER_SECOND} to twice as many borrows a second at {@code borrowsPerSecond} (every borrow
     * below). When the rate falls, the share timed at most doubles per call: a period in which the borrowers stalled
     * (a pause, a machine busy with other work, a lull between bursts) would otherwise have every borrow of the next
     * period timed, at the full rate, and recorded again by the monitor into a registry's timers. A rate that stays
     * low is timed in full after at most 20 calls (5 s). Monitor only.
     */
    void tune(double borrowsPerSecond) {
        int share = (int) Math.min(MAX_MASK + 1, Math.max(1, borrowsPerSecond / TIMED_PER_SECOND));
        int mask = Math.max(Integer.highestOneBit(share) - 1, timingMask >>> 1);
        if (mask != timingMask) {
            timingMask = mask; // written only on a change, so borrowing threads keep their cached copy
        }
    }

    /** A leak was suspected: record borrow stacks for a while, when capture is on suspicion. Monitor only. */
    void leakSuspected(long now) {
        if (captureOnSuspicion) {
            captureUntil = now + ARM_NANOS;
            captureArmed = true;
        }
    }

    /** Stops recording borrow stacks once the arming period has passed. Monitor only. */
    void expire(long now) {
        if (captureArmed && now - captureUntil > 0) {
            captureArmed = false;
        }
    }
}
