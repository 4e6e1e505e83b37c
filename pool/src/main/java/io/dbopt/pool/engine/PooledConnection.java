package io.dbopt.pool.engine;

import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.pool.driver.TrackedConnection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The connection an application borrows: HikariCP's proxy, plus who borrowed it, when, for which tenant and (when
 * stacks are captured) where. {@link #close()} hands it back to its {@link Home} exactly once, on every path.
 * Statements and other objects come straight from HikariCP. Like any JDBC connection it is meant for one thread at a
 * time; {@code close()} is safe to call from any thread and more than once.
 */
public final class PooledConnection extends ForwardingConnection {

    /** Where a connection goes back to; the pool implements it. */
    interface Home {
        /** Closes HikariCP's proxy (or evicts it) and books the return. */
        void checkIn(PooledConnection c) throws SQLException;

        /** Aborts HikariCP's proxy and books the return. */
        void abort(PooledConnection c, Executor executor) throws SQLException;
    }

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(PooledConnection.class, "closed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Home home;
    final BorrowerState owner;
    /** Whether the borrow was timed; if not, {@link #borrowNanos} is unknown and the scanner stamps first sight. */
    final boolean timed;
    final long borrowNanos;
    final Permit permit;
    final Throwable acquireSite;
    /** The borrower's slot holding this connection. */
    int slot = BorrowerState.UNTRACKED;
    /** When the scanner first saw this untimed borrow; 0 until then. */
    private volatile long firstSeenNanos;
    volatile boolean leakReported;
    @SuppressWarnings("unused") // accessed through CLOSED
    private volatile int closed;

    PooledConnection(Connection hikariProxy, Home home, BorrowerState owner, boolean timed, long borrowNanos,
                     Permit permit, Throwable acquireSite) {
        super(hikariProxy);
        this.home = home;
        this.owner = owner;
        this.timed = timed;
        this.borrowNanos = borrowNanos;
        this.permit = permit;
        this.acquireSite = acquireSite;
    }

    /** The thread that borrowed it. */
    public Thread borrower() {
        return owner.thread;
    }

    /** The tenant it was lent to, if any. */
    public Optional<String> tenant() {
        return permit == null ? Optional.empty() : Optional.of(permit.tenant());
    }

    /**
     * How long it has been borrowed: exact when timed, else since the scanner first saw it (at most one scan, 250 ms,
     * short). Called by the monitor and health threads.
     */
    public long ageNanos(long now) {
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
    public Optional<TrackedConnection> physical() {
        try {
            return delegate.isWrapperFor(TrackedConnection.class)
                    ? Optional.of(delegate.unwrap(TrackedConnection.class)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty(); // the proxy was closed meanwhile: nothing to report
        }
    }

    /** A short name for logs and leak reports. */
    public String label() {
        return physical().map(TrackedConnection::toString)
                .orElseGet(() -> "connection@" + Integer.toHexString(System.identityHashCode(this)));
    }

    /** Whether it was returned. */
    boolean returned() {
        return (int) CLOSED.getOpaque(this) != 0;
    }

    @Override
    public void close() throws SQLException {
        if (CLOSED.compareAndSet(this, 0, 1)) {
            home.checkIn(this);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return (int) CLOSED.getVolatile(this) == 1 || delegate.isClosed();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (CLOSED.compareAndSet(this, 0, 1)) {
            home.abort(this, executor);
        }
    }

    @Override
    public String toString() {
        return "dbopt " + delegate;
    }
}
