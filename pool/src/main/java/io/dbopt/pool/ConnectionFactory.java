package io.dbopt.pool;

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
 * JDBC driver (or the user's own data source) and wraps each in a {@link TrackedConnection}, so the pool knows
 * every live connection, its server session id, and how many were created and closed. Thread-safe.
 */
final class ConnectionFactory implements DataSource {

    private final String poolName;
    private final Driver driver;
    private final String jdbcUrl;
    private final Properties properties;
    private final DataSource source;
    private final boolean prePing;
    private final PoolCounters counters;
    private final PoolEvents events;
    private final Set<TrackedConnection> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    final AtomicLong attempts = new AtomicLong();
    private volatile boolean shuttingDown;
    private volatile int loginTimeout;
    /** HikariCP's connection-adder thread, the only one that opens pooled connections. */
    private volatile Thread creator;
    private volatile boolean creating;
    private volatile Runnable onServerDown = () -> { };

    /** Opens connections through a driver; {@code properties} hold the credentials and driver settings. */
    ConnectionFactory(String poolName, Driver driver, String jdbcUrl, Properties properties, boolean prePing,
                      PoolCounters counters, PoolEvents events) {
        this.poolName = poolName;
        this.driver = driver;
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.source = null;
        this.prePing = prePing;
        this.counters = counters;
        this.events = events;
    }

    /** Opens connections through the user's data source. */
    ConnectionFactory(String poolName, DataSource source, boolean prePing, PoolCounters counters, PoolEvents events) {
        this.poolName = poolName;
        this.driver = null;
        this.jdbcUrl = null;
        this.properties = null;
        this.source = source;
        this.prePing = prePing;
        this.counters = counters;
        this.events = events;
    }

    /** Whether dbopt sets the application name of the connections (URL mode), rather than a user's data source. */
    boolean ownsApplicationName() {
        return driver != null;
    }

    boolean prePing() {
        return prePing;
    }

    /** Every physical connection currently open. */
    List<TrackedConnection> live() {
        return List.copyOf(live);
    }

    /** From now on, closes are the pool shutting down rather than evictions. */
    void shuttingDown() {
        shuttingDown = true;
    }

    /** Opens a connection outside the pool (the monitor connection), with another application name if possible. */
    Connection openUnpooled(String applicationName) throws SQLException {
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
    void onServerDown(Runnable action) {
        this.onServerDown = action;
    }

    /**
     * Wakes HikariCP's connection adder if it sleeps in its failure backoff (which grows to 5 s during an outage),
     * so the pool refills as soon as the server answers again rather than when the backoff ends. Only a thread
     * sleeping outside dbopt's connect call is interrupted; HikariCP's adder treats that as "stop this round".
     */
    boolean wakeCreator() {
        Thread t = creator;
        if (t != null && !creating && t.getState() == Thread.State.TIMED_WAITING) {
            t.interrupt();
            return true;
        }
        return false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        attempts.incrementAndGet();
        creator = Thread.currentThread();
        creating = true;
        Connection raw;
        try {
            raw = driver != null ? driver.connect(jdbcUrl, properties) : source.getConnection();
        } catch (SQLException | RuntimeException e) {
            counters.creationFailures.increment();
            ErrorKind kind = SqlErrors.classify(e);
            if (kind == ErrorKind.SERVER_UNAVAILABLE || kind == ErrorKind.CONNECTION_LOST) {
                onServerDown.run();
            }
            throw e;
        } finally {
            creating = false;
        }
        if (raw == null) {
            counters.creationFailures.increment();
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
            counters.creationFailures.increment();
            throw e;
        }
        TrackedConnection tracked = new TrackedConnection(raw, ids.incrementAndGet(), sessionId, this);
        live.add(tracked);
        counters.creations.increment();
        events.created(tracked);
        return tracked;
    }

    void closed(TrackedConnection connection, String reason) {
        live.remove(connection);
        if (!shuttingDown) {
            counters.evictions.increment();
        }
        events.closed(connection, shuttingDown ? "pool closing" : reason);
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
