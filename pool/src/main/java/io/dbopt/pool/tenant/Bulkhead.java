package io.dbopt.pool.tenant;

import io.dbopt.pool.TenantPolicy;
import io.dbopt.pool.engine.Permit;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * One tenant's share of the pool: a counting limit that follows the pool's current maximum (so it scales with
 * adaptive sizing), with a bounded, fair wait. As the {@link Permit} of a lent connection it gives its permit back
 * when the connection is returned. Thread-safe; {@link #users} is guarded by the owner's map.
 */
final class Bulkhead implements Permit {

    final String tenant;
    /** The metric tag: the tenant, or {@link TenantPolicy#OTHER} beyond the tracked ones. */
    final String tag;
    private final IntSupplier limit;
    private final Consumer<Bulkhead> onReturned;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition released = lock.newCondition();
    private int inUse;
    /** Threads holding or waiting for a permit; the owner drops the bulkhead when none are left. */
    int users;

    /** A bulkhead; {@code onReturned} is told each time a lent connection comes back. */
    Bulkhead(String tenant, String tag, IntSupplier limit, Consumer<Bulkhead> onReturned) {
        this.tenant = tenant;
        this.tag = tag;
        this.limit = limit;
        this.onReturned = onReturned;
    }

    @Override
    public String tenant() {
        return tenant;
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
    void giveBack() {
        lock.lock();
        try {
            inUse--;
            released.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Gives the permit back when the tenant's connection is returned. */
    @Override
    public void release() {
        giveBack();
        onReturned.accept(this);
    }

    static long nanos(Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
