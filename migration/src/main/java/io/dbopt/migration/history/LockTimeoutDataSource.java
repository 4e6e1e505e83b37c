package io.dbopt.migration.history;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.ForwardingDataSource;
import io.dbopt.core.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The data source every Flyway of dbopt uses: it bounds how long a migration statement waits for a lock on each
 * connection it hands out (PostgreSQL {@code lock_timeout}; MariaDB {@code lock_wait_timeout} and
 * {@code innodb_lock_wait_timeout}, whole seconds), and when Flyway closes the connection it puts the session's
 * previous values back, so the user's pool gets the connection with the application's lock timeouts, not the
 * migration's. The values read when the connection was lent are restored whoever changed them since: dbopt, or a
 * script's own {@code SET lock_timeout}; after a successful run and after a failed one alike.
 *
 * <p>A connection closed with autocommit off is rolled back first (its pool would roll it back anyway, and on
 * PostgreSQL that would undo the restoring {@code set_config}), then the restore is committed. When reading, setting
 * or restoring fails, the connection is closed and the {@link SQLException} thrown. Thread-safe as the delegate is;
 * never closes the delegate.
 */
final class LockTimeoutDataSource extends ForwardingDataSource {

    private final boolean postgres;
    private final long millis;

    LockTimeoutDataSource(DataSource delegate, Dialect dialect, Duration lockTimeout) {
        super(delegate);
        this.postgres = dialect instanceof PostgresDialect;
        this.millis = lockTimeout.toMillis();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return lend(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return lend(delegate.getConnection(username, password));
    }

    private Connection lend(Connection connection) throws SQLException {
        try {
            RestoringConnection.Restore saved = postgres ? savePostgres(connection) : saveMariaDb(connection);
            if (postgres) {
                Jdbc.queryFirst(connection, "SELECT set_config('lock_timeout', ?, false)", rs -> rs.getString(1),
                        millis + "ms");
            } else {
                long seconds = Math.max(1, (millis + 999) / 1000);
                Jdbc.execute(connection, mariaDbSql(seconds, seconds));
            }
            return new RestoringConnection(connection, c -> restore(c, saved));
        } catch (SQLException | RuntimeException e) {
            RestoringConnection.closeAfter(connection, e);
            throw e;
        }
    }

    private static RestoringConnection.Restore savePostgres(Connection connection) throws SQLException {
        String previous = Jdbc.queryFirst(connection, "SELECT current_setting('lock_timeout')", rs -> rs.getString(1))
                .orElseThrow(() -> new SQLException("current_setting('lock_timeout') returned no row"));
        return c -> Jdbc.queryFirst(c, "SELECT set_config('lock_timeout', ?, false)", rs -> rs.getString(1),
                previous);
    }

    private static RestoringConnection.Restore saveMariaDb(Connection connection) throws SQLException {
        long[] previous = Jdbc.queryFirst(connection, "SELECT @@SESSION.lock_wait_timeout, "
                        + "@@SESSION.innodb_lock_wait_timeout", rs -> new long[] {rs.getLong(1), rs.getLong(2)})
                .orElseThrow(() -> new SQLException("@@SESSION.lock_wait_timeout returned no row"));
        return c -> Jdbc.execute(c, mariaDbSql(previous[0], previous[1]));
    }

    /** Numbers read from the server or computed from a Duration, never user text. */
    private static String mariaDbSql(long lockWait, long innodbLockWait) {
        return "SET SESSION lock_wait_timeout = " + lockWait + ", innodb_lock_wait_timeout = " + innodbLockWait;
    }

    /**
     * Puts the saved lock timeouts back; with autocommit off the migration's transaction is rolled back first (its pool
     * would roll it back anyway, and on PostgreSQL that would undo the restoring set_config) and the restore committed.
     */
    private static void restore(Connection connection, RestoringConnection.Restore saved) throws SQLException {
        if (connection.getAutoCommit()) {
            saved.restore(connection);
        } else {
            connection.rollback();
            saved.restore(connection);
            connection.commit();
        }
    }
}
