package io.dbopt.bulk.load;

import io.dbopt.core.Dialect;
import io.dbopt.core.config.DatabaseUrl;
import io.dbopt.core.jdbc.DriverDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a load gets its connections: its own (opened from the URL with the bulk driver settings, kept for the
 * whole load) or the application's data source (borrowed per chunk). A connection that saw a failed COPY or LOAD DATA
 * is discarded: aborted, then closed, so that a pool evicts it instead of lending it again. Not thread-safe: one
 * load uses it.
 */
final class LoaderConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoaderConnections.class);

    private final DataSource shared;
    private final DataSource own;
    private final Dialect dialect;
    private final AtomicReference<Connection> idle;
    private boolean useOwn;
    private Connection kept;

    /**
     * @param idle where an own connection waits between loads (one, shared by the processor's loads)
     */
    LoaderConnections(DataSource shared, Optional<DataSource> own, Dialect dialect, AtomicReference<Connection> idle) {
        this.shared = shared;
        this.dialect = dialect;
        this.own = own.orElse(null);
        this.idle = idle;
        this.useOwn = this.own != null;
    }

    /** Whether the loader can open connections of its own (needed for LOAD DATA LOCAL INFILE). */
    boolean ownConnections() {
        return own != null;
    }

    /** Whether this load uses the loader's own connections (else the application's data source). */
    void useOwn(boolean value) {
        this.useOwn = value && own != null;
    }

    /** The data source of the loader's own connections, with the bulk driver settings. */
    static DataSource ownDataSource(DatabaseUrl url, Dialect dialect, Duration statementTimeout) {
        DriverDataSource ds = DriverDataSource.of(url.jdbcUrl()).withUser(url.user().orElse(null))
                .withPassword(url.password().isEmpty() ? null : url.password().reveal().toCharArray());
        long socketSeconds = statementTimeout.toSeconds() + 60;
        if (dialect.resourceFolder().equals("postgresql")) {
            return ds.withProperty("reWriteBatchedInserts", "true")
                    .withProperty("connectTimeout", "10")
                    .withProperty("socketTimeout", Long.toString(socketSeconds))
                    .withProperty("ApplicationName", "dbopt-bulk");
        }
        return ds.withProperty("allowLocalInfile", "true")
                .withProperty("useBulkStmtsForInserts", "true")
                .withProperty("connectTimeout", "10000")
                .withProperty("socketTimeout", Long.toString(socketSeconds * 1000))
                .withProperty("connectionAttributes", "program_name:dbopt-bulk");
    }

    /** A connection in manual-commit mode. */
    Connection borrow() throws SQLException {
        Connection c;
        if (useOwn) {
            if (kept == null) {
                Connection waiting = idle.getAndSet(null);
                if (waiting != null && !waiting.isClosed() && waiting.isValid(5)) {
                    kept = waiting;
                } else if (waiting != null) {
                    waiting.close();
                }
            }
            if (kept == null || kept.isClosed()) {
                kept = own.getConnection();
                if (!dialect.resourceFolder().equals("postgresql")) {
                    try (Statement st = kept.createStatement()) {
                        // LOAD DATA text carries instants in UTC
                        st.execute("SET time_zone = '+00:00'");
                    }
                }
            }
            c = kept;
        } else {
            c = shared.getConnection();
        }
        c.setAutoCommit(false);
        return c;
    }

    /** Gives a connection back; {@code discard} aborts and closes it instead (it saw a failed COPY). */
    void release(Connection c, boolean discard, Throwable failure) {
        if (c == null) {
            return;
        }
        try {
            if (discard) {
                try {
                    c.abort(Runnable::run);
                } finally {
                    if (c == kept) {
                        kept = null;
                    }
                    c.close();
                }
            } else if (c != kept) {
                c.setAutoCommit(true);
                c.close();
            }
        } catch (SQLException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LOG.warn("bulk - closing a loader connection failed: {}", e.toString());
            }
            if (c == kept) {
                kept = null;
            }
        }
    }

    /** Hands the own connection to the next load (or closes it when one already waits). */
    @Override
    public void close() throws SQLException {
        if (kept != null) {
            Connection c = kept;
            kept = null;
            c.setAutoCommit(true);
            if (!idle.compareAndSet(null, c)) {
                c.close();
            }
        }
    }
}
