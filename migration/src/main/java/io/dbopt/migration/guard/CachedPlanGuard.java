package io.dbopt.migration.guard;

import io.dbopt.core.jdbc.ForwardingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Keeps pooled PostgreSQL connections from failing with {@code cached plan must not change result type} (SQLSTATE
 * 0A000) after a migration changes a table their prepared statements read: a server-side prepared statement keeps
 * its old result shape, and the first execution inside a transaction fails.
 *
 * <p>The guard wraps the application's (pooled) data source. When a connection is borrowed after this process
 * migrated ({@link SchemaEpoch} advanced), it runs {@code DEALLOCATE ALL} on it once, which pgjdbc notices and
 * re-prepares its statements. When the schema changed elsewhere, the first 0A000 on a connection heals it: if the
 * failing statement was the first of its transaction (or ran in autocommit) the transaction is rolled back, the
 * connection healed and the statement retried, invisibly to the caller; otherwise the error surfaces and the
 * connection heals at the caller's rollback. Either way the epoch advances, so every other connection heals
 * before its next use: each connection handles the change at most once. MariaDB re-prepares by itself; there the
 * guard does nothing.
 *
 * <p>When preparing a borrowed connection fails (its metadata cannot be read, healing fails because the session is
 * gone), the connection is closed, so the pool gets it back, and the failure is thrown. Thread-safe; the wrapped
 * data source is not closed by the guard.
 */
public final class CachedPlanGuard extends ForwardingDataSource {

    private final PlanHealer healer;

    private CachedPlanGuard(DataSource delegate, SchemaEpoch epoch) {
        super(delegate);
        this.healer = new PlanHealer(epoch);
    }

    /**
     * Wraps a data source.
     *
     * @param dataSource the application's data source, usually a pool
     * @param epoch the epoch of the {@link io.dbopt.migration.MigrationFramework} that migrates this database
     */
    public static CachedPlanGuard wrap(DataSource dataSource, SchemaEpoch epoch) {
        return new CachedPlanGuard(Objects.requireNonNull(dataSource, "dataSource"),
                Objects.requireNonNull(epoch, "epoch"));
    }

    /** How many times a connection was healed with {@code DEALLOCATE ALL}. */
    public long heals() {
        return healer.heals();
    }

    /** How many statements failed with 0A000 and were retried invisibly. */
    public long retries() {
        return healer.retries();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guard(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guard(delegate.getConnection(username, password));
    }

    private Connection guard(Connection connection) throws SQLException {
        try {
            return new GuardedConnection(connection, healer.prepare(connection), healer);
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }
}
