package io.dbopt.pool.engine;

import io.dbopt.core.jdbc.OwnedDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The {@link javax.sql.DataSource} users get from the pool: {@link #getConnection()} borrows from the managed pool
 * (or, for a tenant's data source, through the tenant's bulkhead) and throws
 * {@link io.dbopt.pool.PoolAcquireException} naming the case when it cannot. Closing the connection returns it.
 * Closing the pool's own data source closes the pool, as closing a {@code HikariDataSource} does; closing a
 * tenant's does nothing. Credentials are the pool's: {@link #getConnection(String, String)} is not supported.
 * Thread-safe.
 */
public final class PoolDataSource implements OwnedDataSource {

    /** Lends a connection for one tenant. */
    @FunctionalInterface
    public interface Lender {
        /** Borrows a connection counted against the tenant. */
        Connection lend() throws SQLException;
    }

    private final ManagedPool pool;
    private final Lender lender;
    private final Runnable closer;
    private final String description;

    private PoolDataSource(ManagedPool pool, Lender lender, Runnable closer, String description) {
        this.pool = pool;
        this.lender = lender;
        this.closer = closer;
        this.description = description;
    }

    /** The pool's own data source; {@code closer} closes the pool. */
    public static PoolDataSource of(ManagedPool pool, Runnable closer) {
        return new PoolDataSource(pool, null, closer, "dbopt pool " + pool.name() + " (" + pool.config().poolSize()
                + ".." + pool.config().maxSize() + " connections)");
    }

    /** A tenant's data source; closing it does nothing. */
    public static PoolDataSource forTenant(ManagedPool pool, String tenant, Lender lender) {
        return new PoolDataSource(pool, lender, null, "dbopt pool " + pool.name() + " for tenant " + tenant);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return lender == null ? pool.acquire(null) : lender.lend();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(pool.name() + " - a pool lends connections of its configured user; "
                + "build another pool for another user");
    }

    @Override
    public String describe() {
        return description;
    }

    /** Closes the pool behind the pool's own data source; does nothing for a tenant's. Idempotent. */
    @Override
    public void close() {
        if (closer != null) {
            closer.run();
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    /** Ignored: the pool logs through SLF4J. */
    @Override
    public void setLogWriter(PrintWriter out) {
        // frameworks call this on any DataSource; the pool's log goes through SLF4J
    }

    /** Ignored: the pool's {@code pool_timeout} and the driver's connect timeout bound a borrow. */
    @Override
    public void setLoginTimeout(int seconds) {
        // frameworks call this on any DataSource; pool_timeout and connect_timeout are set on the pool
    }

    @Override
    public int getLoginTimeout() {
        return (int) Math.max(1, pool.config().poolTimeout().toSeconds());
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("dbopt logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(pool.hikari())) {
            return iface.cast(pool.hikari());
        }
        throw new SQLException(pool.name() + " - not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this) || iface.isInstance(pool.hikari());
    }

    @Override
    public String toString() {
        return description;
    }
}
