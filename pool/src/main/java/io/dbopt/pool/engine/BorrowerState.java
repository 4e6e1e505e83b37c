package io.dbopt.pool.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread's borrowing from one pool: the connections it holds now (a few slots the leak scanner reads), how many
 * (to recognise nested borrowing), whether it waits for another while holding some, and its acquisition and return
 * counts. The owning thread updates its own fields with plain or release stores, never with an atomic instruction;
 * other threads (the monitor summing and scanning, a thread closing a connection it did not borrow) read with acquire
 * or opaque loads, or use {@link #remoteReleases}. This keeps the borrow path free of shared, contended state.
 */
final class BorrowerState {

    /** Connections one thread can hold at once and still be seen by the leak scanner. */
    static final int SLOTS = 8;
    /** The slot of a connection the leak scanner cannot see (the thread already held {@link #SLOTS}). */
    static final int UNTRACKED = -1;

    private static final VarHandle ACQUIRED;
    private static final VarHandle RELEASED;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Connection[].class);

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
    /** Borrow attempts, to pick the ones that are timed; owner only. */
    private int ticks;
    /** The connections held now; written by the owner (and cleared by a remote closer), read by the scanner. */
    private final Connection[] slots = new Connection[SLOTS];
    /** Set while the thread, holding {@link #heldWhileWaiting} connections, waits for one more. */
    volatile boolean waiting;
    volatile int heldWhileWaiting;

    BorrowerState(Thread thread) {
        this.thread = thread;
    }

    /** Connections the thread holds now. */
    int held() {
        return held - remoteReleases.get();
    }

    /** Counts a borrow attempt and says whether it is timed: one in {@code mask + 1}; owner only. */
    boolean timed(int mask) {
        return (++ticks & mask) == 0;
    }

    /** Books an acquisition; owner only. Returns how many the thread holds now. */
    int acquired() {
        ACQUIRED.setOpaque(this, (long) ACQUIRED.getOpaque(this) + 1);
        return ++held - remoteReleases.get();
    }

    /** Puts a lent connection in a free slot and returns the slot, or {@link #UNTRACKED}; owner only. */
    int hold(Connection c) {
        for (int i = 0; i < SLOTS; i++) {
            if (slots[i] == null) {
                SLOT.setRelease(slots, i, c);
                return i;
            }
        }
        return UNTRACKED;
    }

    /** Empties a slot when its connection is returned; any thread (only the returner touches a filled slot). */
    void free(int slot) {
        if (slot != UNTRACKED) {
            SLOT.setRelease(slots, slot, null);
        }
    }

    /** The connection in a slot, or null; for the scanner. */
    Connection slot(int slot) {
        return (Connection) SLOT.getAcquire(slots, slot);
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
