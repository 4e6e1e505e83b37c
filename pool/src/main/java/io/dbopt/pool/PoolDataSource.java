package io.dbopt.pool;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link DataSource} users get from the pool: {@link #getConnection()} borrows from the managed pool (through
 * the tenant's bulkhead when one is given) and throws {@link PoolAcquireException} naming the case when it cannot.
 * Closing the connection returns it. Credentials are the pool's: {@link #getConnection(String, String)} is not
 * supported. Thread-safe.
 */
final class PoolDataSource implements DataSource {

    private final ManagedPool pool;
    private final TenantBulkheads tenants;
    private final String tenant;

    PoolDataSource(ManagedPool pool, TenantBulkheads tenants, String tenant) {
        this.pool = pool;
        this.tenants = tenants;
        this.tenant = tenant;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return tenant == null ? pool.acquire(null) : tenants.acquire(tenant);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(pool.name + " - a pool lends connections of its configured user; "
                + "build another pool for another user");
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
        return (int) Math.max(1, pool.config.poolTimeout().toSeconds());
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
        if (iface.isInstance(pool.hikari)) {
            return iface.cast(pool.hikari);
        }
        throw new SQLException(pool.name + " - not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this) || iface.isInstance(pool.hikari);
    }

    @Override
    public String toString() {
        return "dbopt pool " + pool.name + (tenant == null ? "" : " for tenant " + tenant);
    }
}
