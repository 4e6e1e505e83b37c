package io.dbopt.index.analysis;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The lock timeout and statement time limit of one session, set for DDL and restored after, with values bound:
 * PostgreSQL {@code lock_timeout} / {@code statement_timeout} through {@code set_config}, MariaDB
 * {@code lock_wait_timeout} (metadata locks, whole seconds) / {@code max_statement_time}.
 */
final class SessionLimits {

    private final Connection connection;
    private final boolean postgres;
    private final String lock;
    private final String statement;

    private SessionLimits(Connection connection, boolean postgres, String lock, String statement) {
        this.connection = connection;
        this.postgres = postgres;
        this.lock = lock;
        this.statement = statement;
    }

    static SessionLimits apply(Connection connection, Dialect dialect, Duration lockTimeout, Duration statementLimit)
            throws SQLException {
        if (dialect instanceof PostgresDialect) {
            String[] old = Jdbc.queryFirst(connection, "SELECT current_setting('lock_timeout'), "
                    + "current_setting('statement_timeout')", rs -> new String[] {rs.getString(1), rs.getString(2)})
                    .orElseThrow();
            set(connection, true, lockTimeout.toMillis() + "ms", statementLimit.toMillis() + "ms");
            return new SessionLimits(connection, true, old[0], old[1]);
        }
        String[] old = Jdbc.queryFirst(connection, "SELECT @@SESSION.lock_wait_timeout, @@SESSION.max_statement_time",
                rs -> new String[] {rs.getString(1), rs.getString(2)}).orElseThrow();
        set(connection, false, Long.toString(Math.max(1, (lockTimeout.toMillis() + 999) / 1000)),
                Double.toString(statementLimit.toMillis() / 1000.0));
        return new SessionLimits(connection, false, old[0], old[1]);
    }

    private static void set(Connection connection, boolean postgres, String lock, String statement)
            throws SQLException {
        if (postgres) {
            Jdbc.query(connection, "SELECT set_config('lock_timeout', ?, false), set_config('statement_timeout', ?, "
                    + "false)", rs -> rs.getString(1), lock, statement);
        } else {
            Jdbc.update(connection, "SET SESSION lock_wait_timeout = ?", Long.parseLong(lock));
            Jdbc.update(connection, "SET SESSION max_statement_time = ?", Double.parseDouble(statement));
        }
    }

    void restore() throws SQLException {
        set(connection, postgres, lock, statement);
    }
}
