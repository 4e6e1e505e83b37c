package io.dbopt.pool;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * One tenant's share of the pool: a counting limit that follows the pool's current maximum (so it scales with
 * adaptive sizing), with a bounded, fair wait. Thread-safe; {@link #users} is guarded by the owner's map.
 */
final class Bulkhead {

    final String tenant;
    /** The metric tag: the tenant, or {@link TenantPolicy#OTHER} beyond the tracked ones. */
    final String tag;
    private final IntSupplier limit;
    private final TenantBulkheads owner;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition released = lock.newCondition();
    private int inUse;
    /** Threads holding or waiting for a permit; the owner drops the bulkhead when none are left. */
    int users;

    Bulkhead(String tenant, String tag, IntSupplier limit, TenantBulkheads owner) {
        this.tenant = tenant;
        this.tag = tag;
        this.limit = limit;
        this.owner = owner;
    }

    int limit() {
        return limit.getAsInt();
    }

    int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    /** Returned by {@link #tryAcquire} when a permit was taken. */
    static final int ACQUIRED = -1;

    /**
     * Takes a permit, waiting at most {@code maxWaitNanos}; returns {@link #ACQUIRED}, or the connections the tenant
     * held when it gave up (still at its limit).
     */
    int tryAcquire(long maxWaitNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long remaining = maxWaitNanos;
            while (inUse >= limit.getAsInt()) {
                if (remaining <= 0) {
                    return inUse;
                }
                remaining = released.awaitNanos(remaining);
            }
            inUse++;
            return ACQUIRED;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a permit back without the connection ever having been lent. */
    void release() {
        lock.lock();
        try {
            inUse--;
            released.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Gives a permit back when the tenant's connection is returned. */
    void returned() {
        release();
        owner.released(this);
    }

    static long nanos(Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
