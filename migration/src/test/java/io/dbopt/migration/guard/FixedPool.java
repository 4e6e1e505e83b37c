package io.dbopt.migration.guard;

import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.testkit.TestDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A test pool of a fixed number of physical connections (autocommit off, server-side prepares from the first
 * execution) that never evicts: closing a borrowed connection returns it. Borrowing from an empty pool fails.
 */
final class FixedPool implements DataSource, AutoCloseable {

    private final List<Connection> all = new ArrayList<>();
    private final Deque<Connection> idle = new ArrayDeque<>();

    FixedPool(TestDatabase db, int size) throws SQLException {
        for (int i = 0; i < size; i++) {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", db.user());
            props.setProperty("password", db.password());
            props.setProperty("prepareThreshold", "1");
            Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), props);
            c.setAutoCommit(false);
            all.add(c);
            idle.add(c);
        }
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        Connection physical = idle.poll();
        if (physical == null) {
            throw new SQLException("FixedPool exhausted");
        }
        return new ForwardingConnection(physical) {
            @Override
            public void close() throws SQLException {
                synchronized (FixedPool.this) {
                    physical.rollback();
                    idle.add(physical);
                }
            }

            @Override
            public <T> T unwrap(Class<T> iface) {
                return iface.cast(physical);
            }
        };
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : all) {
            c.close();
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // not used
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
