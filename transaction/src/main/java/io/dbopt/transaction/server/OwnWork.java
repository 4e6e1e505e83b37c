package io.dbopt.transaction.server;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.core.jdbc.ForwardingPreparedStatement;
import io.dbopt.core.jdbc.ForwardingStatement;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlFunction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Work the transaction module does on its own behalf (catalog and lock views, {@code SHOW ENGINE INNODB STATUS}, the
 * deadlock table, commit-outcome lookups), bounded twice. Each statement has a time limit the server enforces: on
 * MariaDB the statements' query timeout (the driver sends it as {@code max_statement_time}); on PostgreSQL the
 * session's {@code statement_timeout}, set for the work and restored after it, while the statements' own
 * {@code setQueryTimeout} is ignored, because pgjdbc enforces that by sending a cancel request that, against a
 * server that stopped answering, waits out {@code cancelSignalTimeout} (10 s). And the connection gets a network
 * timeout of the limit plus {@link #NETWORK_MARGIN}, so that a silent server or route cannot hold the caller past it;
 * the connection's own network timeout is restored before it goes back. Stateless.
 */
public final class OwnWork {

    /** How much longer than the statement limit the client waits for a silent server before giving up. */
    public static final Duration NETWORK_MARGIN = Duration.ofSeconds(2);

    private OwnWork() {
    }

    /**
     * Borrows a connection, bounds it and runs {@code work} on it; failures become a
     * {@link io.dbopt.core.DbOptException} naming {@code whatIsBeingDone}, as {@link Jdbc#withConnection} does.
     */
    public static <T> T withConnection(DataSource dataSource, Dialect dialect, String whatIsBeingDone, Duration limit,
                                       SqlFunction<Connection, T> work) {
        return Jdbc.withConnection(dataSource, whatIsBeingDone, c -> bounded(c, dialect, limit, work));
    }

    /**
     * Runs {@code work} on {@code connection} with every statement limited to {@code limit} and the network timeout
     * set to {@code limit} plus {@link #NETWORK_MARGIN}; both are restored afterwards while the connection is open.
     */
    public static <T> T bounded(Connection connection, Dialect dialect, Duration limit,
                                SqlFunction<Connection, T> work) throws SQLException {
        return bounded(connection, dialect, limit, limit.plus(NETWORK_MARGIN), work);
    }

    /**
     * Runs {@code work} on {@code connection} with every statement limited to {@code limit} and the network timeout
     * set to {@code networkLimit} (for a caller whose own deadline leaves no margin); both are restored afterwards
     * while the connection is open.
     */
    public static <T> T bounded(Connection connection, Dialect dialect, Duration limit, Duration networkLimit,
                                SqlFunction<Connection, T> work) throws SQLException {
        int networkBefore = connection.getNetworkTimeout();
        connection.setNetworkTimeout(Runnable::run, millis(networkLimit));
        String statementTimeoutBefore = null;
        T result;
        try {
            Connection target = connection;
            if (dialect instanceof PostgresDialect) {
                statementTimeoutBefore = Jdbc.queryFirst(connection, "SELECT current_setting('statement_timeout'), "
                        + "set_config('statement_timeout', ?, false)", rs -> rs.getString(1),
                        String.valueOf(millis(limit))).orElseThrow();
                target = new ServerLimited(connection);
            }
            result = work.apply(target);
        } catch (SQLException | RuntimeException e) {
            restore(connection, networkBefore, statementTimeoutBefore, e);
            throw e;
        }
        restore(connection, networkBefore, statementTimeoutBefore, null);
        return result;
    }

    /** A statement limit in whole seconds for {@code setQueryTimeout}: rounded up, at least 1. */
    public static int secondsFor(Duration limit) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (limit.toMillis() + 999) / 1000));
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static void restore(Connection connection, int networkBefore, String statementTimeoutBefore,
                                Exception primary) throws SQLException {
        try {
            if (connection.isClosed()) {
                return;
            }
            if (statementTimeoutBefore != null) {
                Jdbc.queryFirst(connection, "SELECT set_config('statement_timeout', ?, false)", rs -> rs.getString(1),
                        statementTimeoutBefore);
            }
            connection.setNetworkTimeout(Runnable::run, networkBefore);
        } catch (SQLException e) {
            if (primary == null) {
                throw e;
            }
            primary.addSuppressed(e);
        }
    }

    /** A PostgreSQL connection whose statements leave time limits to the server's {@code statement_timeout}. */
    private static final class ServerLimited extends ForwardingConnection {
        ServerLimited(Connection delegate) {
            super(delegate);
        }

        @Override
        public void close() {
            // the borrower closes the real connection
        }

        @Override
        public Statement createStatement() throws SQLException {
            return new ForwardingStatement<>(delegate.createStatement()) {
                @Override
                public void setQueryTimeout(int seconds) {
                    // statement_timeout applies
                }
            };
        }

        @Override
        public PreparedStatement prepareStatement(String sql) throws SQLException {
            return new ForwardingPreparedStatement<>(delegate.prepareStatement(sql)) {
                @Override
                public void setQueryTimeout(int seconds) {
                    // statement_timeout applies
                }
            };
        }
    }
}
