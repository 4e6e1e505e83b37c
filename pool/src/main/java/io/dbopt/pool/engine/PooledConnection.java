package io.dbopt.pool.engine;

import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.pool.driver.Lease;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

/**
 * The connection lent when HikariCP's own proxy is not enough: through a tenant's data source (closing it must give
 * the tenant's permit back) or from an adopted HikariCP pool (whose physical connections dbopt did not open, so the
 * lease lives here). {@link #close()} hands it back to its {@link Home} exactly once, on every path; statements and
 * other objects come straight from HikariCP. Like any JDBC connection it is meant for one thread at a time;
 * {@code close()} is safe to call from any thread and more than once.
 */
final class PooledConnection extends ForwardingConnection {

    /** Where a connection goes back to; the pool implements it. */
    interface Home {
        /** Closes HikariCP's proxy and books the return. */
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
    /** The lease of an adopted pool's connection, null when the physical connection keeps its own. */
    final Lease lease;
    /** The tenant's permit, null when not lent through a tenant. */
    final Permit permit;
    @SuppressWarnings("unused") // accessed through CLOSED
    private volatile int closed;

    PooledConnection(Connection hikariProxy, Home home, Lease lease, Permit permit) {
        super(hikariProxy);
        this.home = home;
        this.lease = lease;
        this.permit = permit;
    }

    /** The HikariCP proxy this wraps. */
    Connection hikariProxy() {
        return delegate;
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
