package io.dbopt.pool.driver;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source HikariCP opens physical connections from when dbopt builds the pool: it opens them through the
 * JDBC driver (or the user's own data source) and wraps each in a {@link TrackedConnection}, so the pool knows every
 * live connection, its server session id, and how many were created and closed ({@link Listener}). Thread-safe.
 */
public final class ConnectionFactory implements DataSource {

    /** Told about every physical connection's life; implementations must be cheap and thread-safe. */
    public interface Listener {
        /** A connection was opened. */
        void created(TrackedConnection connection);

        /**
         * A lent connection came back to the pool ({@code lentSince}: when it was lent if the borrow was timed, else
         * 0); called on the returning thread for the returns {@link Lease#end()} says are to be booked.
         */
        void returned(TrackedConnection connection, long lentSince);

        /** Opening a connection failed, for the reason classified. */
        void creationFailed(ErrorKind kind);

        /**
         * A connection closed: {@code reason} says why when it was condemned or aborted; {@code shuttingDown} when the
         * pool is closing rather than evicting.
         */
        void closed(TrackedConnection connection, String reason, boolean shuttingDown);
    }

    private final String poolName;
    private final Driver driver;
    private final String jdbcUrl;
    private final Properties properties;
    private final DataSource source;
    private final boolean prePing;
    private final Listener listener;
    private final TrackedConnection.Owner owner = new TrackedConnection.Owner() {
        @Override
        public void returned(TrackedConnection connection, long lentSince) {
            listener.returned(connection, lentSince);
        }

        @Override
        public void closed(TrackedConnection connection, String reason) {
            ConnectionFactory.this.closed(connection, reason);
        }
    };
    private final Set<TrackedConnection> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    /** How many times connections that have closed were lent. */
    private final AtomicLong closedLends = new AtomicLong();
    private volatile boolean shuttingDown;
    private volatile int loginTimeout;
    /** HikariCP's connection-adder thread, the only one that opens pooled connections. */
    private volatile Thread creator;
    private volatile boolean creating;
    private volatile Runnable onServerDown = () -> { };

    private ConnectionFactory(String poolName, Driver driver, String jdbcUrl, Properties properties,
                              DataSource source, boolean prePing, Listener listener) {
        this.poolName = poolName;
        this.driver = driver;
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.source = source;
        this.prePing = prePing;
        this.listener = listener;
    }

    /** Opens connections through a driver; {@code properties} hold the credentials and driver settings. */
    public static ConnectionFactory ofDriver(String poolName, Driver driver, String jdbcUrl, Properties properties,
                                             boolean prePing, Listener listener) {
        return new ConnectionFactory(poolName, driver, jdbcUrl, properties, null, prePing, listener);
    }

    /** Opens connections through the user's data source. */
    public static ConnectionFactory ofDataSource(String poolName, DataSource source, boolean prePing,
                                                 Listener listener) {
        return new ConnectionFactory(poolName, null, null, null, source, prePing, listener);
    }

    /** Whether dbopt sets the application name of the connections (URL mode), rather than a user's data source. */
    public boolean ownsApplicationName() {
        return driver != null;
    }

    /** Every physical connection currently open. */
    public List<TrackedConnection> live() {
        return List.copyOf(live);
    }

    /** How many times the connections that have since closed were lent. */
    public long lendsOfClosed() {
        return closedLends.get();
    }

    /** From now on, closes are the pool shutting down rather than evictions. */
    public void shuttingDown() {
        shuttingDown = true;
    }

    /** Opens a connection outside the pool (the monitor connection), with another application name if possible. */
    public Connection openUnpooled(String applicationName) throws SQLException {
        if (driver == null) {
            return source.getConnection();
        }
        Properties p = new Properties();
        p.putAll(properties);
        DriverKind kind = DriverKind.of(jdbcUrl);
        if (kind == DriverKind.POSTGRESQL && !DriverKind.urlParameters(jdbcUrl).containsKey("applicationname")) {
            p.setProperty("ApplicationName", applicationName);
        } else if (kind == DriverKind.MARIADB
                && !DriverKind.urlParameters(jdbcUrl).containsKey("connectionattributes")) {
            p.setProperty("connectionAttributes", "program_name:" + applicationName);
        }
        Connection c = driver.connect(jdbcUrl, p);
        if (c == null) {
            throw new SQLException(poolName + " - the driver did not accept the JDBC URL", "08001");
        }
        return c;
    }

    /** Runs when opening a connection fails because the server is down or unreachable. */
    public void onServerDown(Runnable action) {
        this.onServerDown = action;
    }

    /**
     * Wakes HikariCP's connection adder if it sleeps in its failure backoff (which grows to 5 s during an outage),
     * so the pool refills as soon as the server answers again rather than when the backoff ends. Only a thread
     * sleeping outside dbopt's connect call is interrupted; HikariCP's adder treats that as "stop this round".
     */
    public boolean wakeCreator() {
        Thread t = creator;
        if (t != null && !creating && t.getState() == Thread.State.TIMED_WAITING) {
            t.interrupt();
            return true;
        }
        return false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        creator = Thread.currentThread();
        creating = true;
        Connection raw;
        try {
            raw = driver != null ? driver.connect(jdbcUrl, properties) : source.getConnection();
        } catch (SQLException | RuntimeException e) {
            ErrorKind kind = SqlErrors.classify(e);
            listener.creationFailed(kind);
            if (kind == ErrorKind.SERVER_UNAVAILABLE || kind == ErrorKind.CONNECTION_LOST) {
                onServerDown.run();
            }
            throw e;
        } finally {
            creating = false;
        }
        if (raw == null) {
            listener.creationFailed(ErrorKind.OTHER);
            throw new SQLException(poolName + " - the driver did not accept the JDBC URL", "08001");
        }
        long sessionId;
        try {
            sessionId = SessionIds.of(raw);
        } catch (SQLException | RuntimeException e) {
            try {
                raw.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            listener.creationFailed(SqlErrors.classify(e));
            throw e;
        }
        TrackedConnection tracked = new TrackedConnection(raw, ids.incrementAndGet(), sessionId, prePing, owner);
        live.add(tracked);
        listener.created(tracked);
        return tracked;
    }

    private void closed(TrackedConnection connection, String reason) {
        if (live.remove(connection)) {
            closedLends.addAndGet(connection.lease().lends());
        }
        boolean closing = shuttingDown;
        listener.closed(connection, closing ? "pool closing" : reason, closing);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(poolName + " - credentials are configured on the pool, not per call");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // logging goes through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the driver's connect timeout (set by dbopt) bounds connecting; kept only to answer getLoginTimeout
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
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
        if (source != null) {
            return source.unwrap(iface);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || (source != null && source.isWrapperFor(iface));
    }

    @Override
    public String toString() {
        return poolName + " connection factory";
    }
}
