package io.dbopt.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread's borrowing from one pool: how many connections it holds (to recognise nested borrowing), whether it
 * waits for another while holding some, and its acquisition and return counts. The owning thread updates its own
 * fields without atomic instructions; other threads (the monitor summing, a thread closing a connection it did not
 * borrow) read with opaque loads or use {@link #remoteReleases}. This keeps the borrow path free of contended
 * atomics.
 */
final class BorrowerState {

    private static final VarHandle ACQUIRED;
    private static final VarHandle RELEASED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ACQUIRED = lookup.findVarHandle(BorrowerState.class, "acquired", long.class);
            RELEASED = lookup.findVarHandle(BorrowerState.class, "released", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    /** Connections this thread borrowed, minus those it returned itself; owner only. */
    private int held;
    /** Connections this thread borrowed that another thread returned. */
    final AtomicInteger remoteReleases = new AtomicInteger();
    @SuppressWarnings("unused") // accessed through ACQUIRED
    private long acquired;
    @SuppressWarnings("unused") // accessed through RELEASED
    private long released;
    /** Set while the thread, holding {@link #heldWhileWaiting} connections, waits for one more. */
    volatile boolean waiting;
    volatile int heldWhileWaiting;
    /** The registry slot this thread used last, tried first next time; owner only. */
    int slotHint;

    BorrowerState(Thread thread) {
        this.thread = thread;
        this.slotHint = (int) (thread.getId() * 0x9E3779B9L);
    }

    /** Connections the thread holds now. */
    int held() {
        return held - remoteReleases.get();
    }

    /** Books an acquisition; owner only. Returns how many the thread holds now. */
    int acquired() {
        ACQUIRED.setOpaque(this, (long) ACQUIRED.getOpaque(this) + 1);
        return ++held - remoteReleases.get();
    }

    /** Books the return of a connection this thread borrowed; owner only. */
    void releasedByOwner() {
        held--;
        RELEASED.setOpaque(this, (long) RELEASED.getOpaque(this) + 1);
    }

    long acquisitions() {
        return (long) ACQUIRED.getOpaque(this);
    }

    long ownerReleases() {
        return (long) RELEASED.getOpaque(this);
    }
}
