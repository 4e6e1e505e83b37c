package io.dbopt.migration.history;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import io.dbopt.migration.MigrationErrorCode;

/**
 * The lock Flyway takes on a history table, taken the same way so that dbopt's rollbacks and recoveries exclude
 * concurrent migrations of the same set: on PostgreSQL the session-level advisory lock
 * {@code 77431708279161 + "\"schema\".\"table\"".hashCode()}, on MariaDB the named lock
 * {@code Flyway-<hash of `db`.`table`>}. Flyway 13 computes both this way (PostgreSQLAdvisoryLockTemplate,
 * MySQLNamedLockTemplate); a test checks that a running Flyway migration holds exactly this lock. Held on one
 * connection, released by {@link #close()} or when the session ends.
 */
public final class HistoryLock implements AutoCloseable {

    private static final long FLYWAY_LOCK_BASE = 77431708279161L;

    private final Connection connection;
    private final boolean postgres;
    private final long key;
    private final String name;

    private HistoryLock(Connection connection, boolean postgres, long key, String name) {
        this.connection = connection;
        this.postgres = postgres;
        this.key = key;
        this.name = name;
    }

    /** The PostgreSQL advisory lock key Flyway uses for a history table. */
    public static long postgresKey(String schema, String table) {
        return FLYWAY_LOCK_BASE + ("\"" + schema + "\".\"" + table + "\"").hashCode();
    }

    /** The MariaDB named lock Flyway uses for a history table. */
    public static String mariaDbName(String database, String table) {
        return "Flyway-" + ("`" + database + "`.`" + table + "`").hashCode();
    }

    /**
     * Waits up to {@code timeout} for the lock.
     *
     * @throws DbOptException with {@link MigrationErrorCode#LOCK_TIMEOUT} when another migrator keeps it longer
     */
    public static HistoryLock acquire(Connection connection, Dialect dialect, String schema, String table, Duration timeout)
            throws SQLException {
        boolean postgres = dialect instanceof PostgresDialect;
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        if (postgres) {
            long key = postgresKey(schema, table);
            String previous = Jdbc.queryFirst(connection, "SELECT current_setting('lock_timeout')", rs -> rs.getString(1))
                    .orElse("0");
            Jdbc.queryFirst(connection, "SELECT set_config('lock_timeout', ?, false)", rs -> rs.getString(1),
                    timeout.toMillis() + "ms");
            try {
                Jdbc.queryFirst(connection, "SELECT pg_advisory_lock(?)", rs -> rs.getObject(1), key);
            } catch (SQLException e) {
                restoreAfterFailure(connection, previous, e);
                if (SqlErrors.classify(e) == ErrorKind.LOCK_TIMEOUT) {
                    throw timeout(table, timeout, e);
                }
                throw e;
            }
            restoreTimeout(connection, previous);
            return new HistoryLock(connection, true, key, null);
        }
        String name = mariaDbName(schema, table);
        Integer got = Jdbc.queryFirst(connection, "SELECT GET_LOCK(?, ?)", rs -> rs.getInt(1), name, seconds).orElse(0);
        if (got != 1) {
            throw timeout(table, timeout, null);
        }
        return new HistoryLock(connection, false, 0, name);
    }

    private static void restoreTimeout(Connection connection, String previous) throws SQLException {
        Jdbc.queryFirst(connection, "SELECT set_config('lock_timeout', ?, false)", rs -> rs.getString(1), previous);
    }

    /**
     * Puts the session's lock timeout back after the wait failed. With autocommit off the failure aborted the
     * transaction the timeout was set in, where nothing more can run: it is rolled back first (which also undoes that
     * set_config). A failure of restoring is added to the wait's own failure, which the caller sees.
     */
    private static void restoreAfterFailure(Connection connection, String previous, SQLException failure) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            restoreTimeout(connection, previous);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static DbOptException timeout(String table, Duration timeout, SQLException cause) {
        return new DbOptException(MigrationErrorCode.LOCK_TIMEOUT, "Another migrator has held the lock on " + table
                + " for more than " + timeout.toSeconds() + " s: wait for it to finish, or find the session holding "
                + "it (pg_locks / IS_USED_LOCK) if it is stuck", cause);
    }

    /** The connection holding the lock. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        if (postgres) {
            Jdbc.queryFirst(connection, "SELECT pg_advisory_unlock(?)", rs -> rs.getBoolean(1), key);
        } else {
            Jdbc.queryFirst(connection, "SELECT RELEASE_LOCK(?)", rs -> rs.getObject(1), name);
        }
    }
}
