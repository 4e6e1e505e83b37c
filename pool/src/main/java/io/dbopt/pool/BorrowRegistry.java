package io.dbopt.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The connections currently lent out, in a fixed array of slots claimed with one compare-and-set per borrow, so the
 * leak detector, the health check and the sizer can see who holds what without a lock or a map on the hot path.
 * Slots are spread a cache line apart so threads do not contend, and each thread first tries the slot it used last.
 * When every slot is taken (a pool resized far beyond what it was built with) a borrow goes untracked and is
 * counted. Thread-safe.
 */
final class BorrowRegistry {

    static final int UNTRACKED = -1;
    /** References per 64-byte cache line (compressed oops); slots sit this far apart. */
    private static final int STRIDE = 16;

    private final AtomicReferenceArray<PooledConnection> slots;
    private final int count;
    private volatile long untracked;

    BorrowRegistry(int expectedMaximum) {
        this.count = Integer.highestOneBit(Math.max(16, expectedMaximum * 2) - 1) << 1;
        this.slots = new AtomicReferenceArray<>(count * STRIDE);
    }

    int register(PooledConnection c, BorrowerState owner) {
        int start = owner.slotHint;
        for (int i = 0; i < count; i++) {
            int slot = (start + i) & (count - 1);
            int index = slot * STRIDE;
            if (slots.getPlain(index) == null && slots.compareAndSet(index, null, c)) {
                owner.slotHint = slot;
                return slot;
            }
        }
        untracked++;
        return UNTRACKED;
    }

    void release(int slot) {
        if (slot != UNTRACKED) {
            slots.setRelease(slot * STRIDE, null);
        }
    }

    /** The connections lent out now. */
    List<PooledConnection> borrowed() {
        List<PooledConnection> result = new ArrayList<>();
        for (int slot = 0; slot < count; slot++) {
            PooledConnection c = slots.get(slot * STRIDE);
            if (c != null) {
                result.add(c);
            }
        }
        return result;
    }

    long untracked() {
        return untracked;
    }
}
