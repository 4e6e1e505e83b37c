package io.dbopt.core.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.ShardingKeyBuilder;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that forwards every call to a delegate: the base of dbopt's data source wrappers (the query
 * profiler's, the unpooled data source a configuration opens). A subclass overrides only the calls it changes;
 * every other method, JDBC 4.3's default methods included, calls the delegate directly with the same arguments and
 * returns its result or throws its exception unchanged. {@link #unwrap} and {@link #isWrapperFor} see through to the
 * delegate. Connections come straight from the delegate: a subclass that must watch them wraps them itself (in a
 * {@link ForwardingConnection}). Holds no state besides the delegate, is as thread-safe as the delegate, and never
 * closes it.
 */
public abstract class ForwardingDataSource implements DataSource {

    /** The data source every call is forwarded to. */
    protected final DataSource delegate;

    /** Wraps {@code delegate}, which must not be null. */
    protected ForwardingDataSource(DataSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Answers for this wrapper, then for the delegate, then asks the delegate. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    /** True for the interfaces this wrapper or the delegate implement, and what the delegate wraps. */
    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }

    @Override
    public ConnectionBuilder createConnectionBuilder() throws SQLException {
        return delegate.createConnectionBuilder();
    }

    @Override
    public ShardingKeyBuilder createShardingKeyBuilder() throws SQLException {
        return delegate.createShardingKeyBuilder();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return delegate.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }
}
