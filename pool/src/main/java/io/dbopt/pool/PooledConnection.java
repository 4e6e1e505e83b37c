package io.dbopt.pool;

import io.dbopt.core.jdbc.ForwardingConnection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

/**
 * The connection an application borrows: HikariCP's proxy, plus who borrowed it, when, from which tenant and (when
 * stacks are captured) where. {@link #close()} returns it to the pool exactly once, records how long it was held,
 * frees the tenant's permit and forgets the borrower, on every path. Statements and other objects come straight
 * from HikariCP. Like any JDBC connection it is meant for one thread at a time; {@code close()} is safe to call
 * from any thread and more than once.
 */
final class PooledConnection extends ForwardingConnection {

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(PooledConnection.class, "closed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ManagedPool pool;
    /** Whether the borrow was timed; if not, {@link #borrowNanos} is unknown and the monitor stamps first sight. */
    final boolean timed;
    final long borrowNanos;
    /** When the monitor first saw this untimed borrow; 0 until then. Monitor thread only. */
    volatile long firstSeenNanos;
    final Thread borrower;
    final BorrowerState state;
    final Bulkhead bulkhead;
    final Throwable acquireSite;
    int slot = BorrowRegistry.UNTRACKED;
    volatile boolean leakReported;
    @SuppressWarnings("unused") // accessed through CLOSED
    private volatile int closed;

    PooledConnection(Connection hikariProxy, ManagedPool pool, boolean timed, long borrowNanos, BorrowerState state,
                     Bulkhead bulkhead, Throwable acquireSite) {
        super(hikariProxy);
        this.pool = pool;
        this.timed = timed;
        this.borrowNanos = borrowNanos;
        this.borrower = state.thread;
        this.state = state;
        this.bulkhead = bulkhead;
        this.acquireSite = acquireSite;
    }

    /**
     * How long it has been borrowed: exact when timed, else since the monitor first saw it (at most one scan, 250 ms,
     * short). Called by the monitor and health threads.
     */
    long ageNanos(long now) {
        if (timed) {
            return now - borrowNanos;
        }
        long seen = firstSeenNanos;
        if (seen == 0) {
            firstSeenNanos = now;
            return 0;
        }
        return now - seen;
    }

    /** The HikariCP proxy this wraps. */
    Connection hikariProxy() {
        return delegate;
    }

    /** The physical connection behind it, when dbopt built the pool. */
    TrackedConnection physical() {
        try {
            return delegate.isWrapperFor(TrackedConnection.class) ? delegate.unwrap(TrackedConnection.class) : null;
        } catch (SQLException e) {
            return null; // the proxy was closed meanwhile: nothing to report
        }
    }

    /** A short name for logs and leak reports. */
    String label() {
        TrackedConnection t = physical();
        return t != null ? t.toString() : "connection@" + Integer.toHexString(System.identityHashCode(this));
    }

    @Override
    public void close() throws SQLException {
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        String name = leakReported || PoolEvents.LOG.isDebugEnabled() ? label() : null;
        try {
            if (pool.condemned) {
                TrackedConnection t = physical();
                if (t != null && t.isMarkedDead()) {
                    pool.hikari.evictConnection(delegate);
                }
            }
            delegate.close();
        } finally {
            pool.returned(this, name);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return (int) CLOSED.getVolatile(this) == 1 || delegate.isClosed();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            return;
        }
        String name = leakReported || PoolEvents.LOG.isDebugEnabled() ? label() : null;
        try {
            delegate.abort(executor);
        } finally {
            pool.returned(this, name);
        }
    }

    @Override
    public String toString() {
        return "dbopt " + delegate;
    }
}
