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
    /** About this many borrows a second are timed, at most. */
    static final int TIMED_PER_SECOND = 1_000;
    /** The smallest share of borrows timed: one in 1,024. */
    static final int MAX_MASK = 1023;

    private final boolean captureAlways;
    private final boolean captureOnSuspicion;
    /**
     * Which borrows are timed: one in {@code timingMask + 1}, at random. Every borrow while the pool lends fewer than
     * about {@link #TIMED_PER_SECOND} a second; a sample above, because two clock reads cost more than the rest of a
     * borrow.
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

    /** Times about {@link #TIMED_PER_SECOND} borrows a second at {@code borrowsPerSecond}. Monitor only. */
    void tune(double borrowsPerSecond) {
        int share = (int) Math.min(MAX_MASK + 1, Math.max(1, borrowsPerSecond / TIMED_PER_SECOND));
        int mask = Integer.highestOneBit(share) - 1;
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
