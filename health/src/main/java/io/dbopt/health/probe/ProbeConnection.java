package io.dbopt.health.probe;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checker's own connection: opened from a data source that is not the application's pool, kept between
 * cycles, given a network timeout and server-side statement and lock timeouts, and thrown away (aborted, without
 * waiting for the server) as soon as it fails, so the next cycle opens a fresh one. Never an application pool slot.
 *
 * <p>Used by one thread at a time (the checker's worker); {@link #abort(Executor)} may be called from another
 * thread to unblock a worker stuck on a hung server.
 */
public final class ProbeConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeConnection.class);

    private final String name;
    private final DataSource dataSource;
    private final ProbeSettings settings;
    private final Executor abortExecutor;
    private volatile Connection connection;
    private volatile Dialect dialect;
    private volatile String database = "";

    /**
     * A probe over {@code dataSource}, which opens a new physical connection per call (an unpooled data source or a
     * separate small pool the user gave the checker).
     *
     * @param name the resource name logs start with
     * @param abortExecutor runs the driver's abort and network-timeout work
     */
    public ProbeConnection(String name, DataSource dataSource, ProbeSettings settings, Executor abortExecutor) {
        this.name = Objects.requireNonNull(name, "name");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.abortExecutor = Objects.requireNonNull(abortExecutor, "abortExecutor");
    }

    /** The open connection, opening (and preparing) one when there is none. */
    public Connection connection() throws SQLException {
        Connection c = connection;
        if (c != null) {
            return c;
        }
        c = dataSource.getConnection();
        try {
            c.setNetworkTimeout(abortExecutor, (int) Math.min(Integer.MAX_VALUE, settings.networkTimeout().toMillis()));
            c.setAutoCommit(true);
            Dialect d = dialect;
            if (d == null) {
                d = DatabaseInfo.dialectOf(c.getMetaData());
                dialect = d;
            }
            prepare(c, d);
            String db = Jdbc.query(c, settings.statementTimeout(), currentDatabaseQuery(d), rs -> rs.getString(1))
                    .stream().findFirst().orElse(null);
            database = db == null ? "" : db;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
        connection = c;
        LOG.debug("{} - opened the checker's connection", name);
        return c;
    }

    /** The server's dialect, once a connection has been opened. */
    public Optional<Dialect> dialect() {
        return Optional.ofNullable(dialect);
    }

    /** The monitored database's name, once a connection has been opened; empty when none is selected. */
    public String database() {
        return database;
    }

    /** Runs {@code SELECT 1} and returns its round trip. */
    public Duration probe() throws SQLException {
        Connection c = connection();
        long t0 = System.nanoTime();
        Jdbc.query(c, settings.statementTimeout(), "SELECT 1", rs -> rs.getInt(1));
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Whether a connection is open (kept from an earlier call), so that the next call will not open one. */
    public boolean isOpen() {
        return connection != null;
    }

    /** Throws the connection away after a failure; the next {@link #connection()} opens a new one. */
    public void discard() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            abortQuietly(c);
        }
    }

    /**
     * Aborts the connection from another thread, so a worker blocked on it returns with an error at once; the
     * next {@link #connection()} opens a new one.
     */
    public void abort(Executor executor) {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.abort(executor);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("{} - abort of a hung connection failed: {}", name, e.toString());
            }
        }
    }

    /** Closes the connection, if one is open. */
    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("{} - closing the checker's connection failed: {}", name, e.toString());
            }
        }
    }

    private void prepare(Connection c, Dialect d) throws SQLException {
        long ms = Math.max(1, settings.statementTimeout().toMillis());
        if (d instanceof PostgresDialect) {
            Jdbc.execute(c, "SET statement_timeout = " + ms);
            Jdbc.execute(c, "SET lock_timeout = " + ms);
            Jdbc.query(c, settings.statementTimeout(), "SELECT set_config('application_name', ?, false)",
                    rs -> rs.getString(1), settings.applicationName());
        } else {
            Jdbc.execute(c, String.format(Locale.ROOT, "SET SESSION max_statement_time = %.3f", ms / 1000.0));
            Jdbc.execute(c, "SET SESSION lock_wait_timeout = " + Math.max(1, (ms + 999) / 1000));
        }
    }

    private static String currentDatabaseQuery(Dialect d) {
        return d instanceof PostgresDialect ? "SELECT current_database()" : "SELECT DATABASE()";
    }

    private void abortQuietly(Connection c) {
        try {
            c.abort(abortExecutor);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("{} - abort of a failed connection failed: {}", name, e.toString());
        }
    }

    private static void closeQuietly(Connection c, Exception primary) {
        try {
            c.close();
        } catch (SQLException closeFailure) {
            primary.addSuppressed(closeFailure);
        }
    }
}
