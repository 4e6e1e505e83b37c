package io.dbopt.migration.history;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import io.dbopt.migration.MigrationSet;

/**
 * Configures one Flyway per migration set: its own history table and locations, a baseline at version 0 so a set
 * can start in a schema other sets already use, clean disabled, a lock timeout on every Flyway session (the
 * session's own lock timeouts restored before the connection goes back to the user's pool), and on
 * PostgreSQL the session-level advisory lock instead of Flyway's default transaction-level one. The transaction
 * lock is what makes {@code CREATE INDEX CONCURRENTLY} hang: the build waits for every open transaction, including
 * the one Flyway keeps open to hold its lock. Under that lock Flyway's bookkeeping shares the migrations' connection,
 * so a migrate run's connections keep pgjdbc's prepared statements across DDL ({@link StatementKeepingDataSource}).
 * Immutable.
 */
public final class FlywayFactory {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ClassLoader classLoader;
    private final Duration lockTimeout;
    private final Map<String, String> placeholders;
    private final int lockRetryCount;

    public FlywayFactory(DataSource dataSource, Dialect dialect, ClassLoader classLoader, Duration lockTimeout,
                  Map<String, String> placeholders, int lockRetryCount) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.classLoader = classLoader;
        this.lockTimeout = lockTimeout;
        this.placeholders = Map.copyOf(placeholders);
        this.lockRetryCount = lockRetryCount;
    }

    /**
     * A Flyway for the set; with a callback (a {@code migrate} run) on PostgreSQL, its connections keep pgjdbc's
     * server-prepared statements across the migrations' DDL ({@link StatementKeepingDataSource}).
     */
    public Flyway create(MigrationSet set, Optional<String> target, Optional<Callback> callback) {
        FluentConfiguration config = configure(set);
        target.ifPresent(config::target);
        callback.ifPresent(config::callbacks);
        if (callback.isPresent() && dialect instanceof PostgresDialect) {
            config.dataSource(new StatementKeepingDataSource(sessions(), classLoader));
        }
        return config.load();
    }

    /** A Flyway whose validation accepts pending migrations, which are normal before a migrate. */
    public Flyway createForValidation(MigrationSet set) {
        return configure(set).ignoreMigrationPatterns("*:pending").load();
    }

    private FluentConfiguration configure(MigrationSet set) {
        FluentConfiguration config = Flyway.configure(classLoader)
                .dataSource(sessions())
                .table(set.historyTable())
                .locations(set.locationsFor(dialect.resourceFolder()).toArray(String[]::new))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("dbopt: set " + set.name() + " starts here")
                .cleanDisabled(true)
                .validateMigrationNaming(false)
                .placeholders(placeholders)
                .lockRetryCount(lockRetryCount);
        if (dialect instanceof PostgresDialect) {
            config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        }
        return config;
    }

    /**
     * The user's data source with every connection's lock timeout bounded for the migration and put back as it was
     * when Flyway closes the connection ({@link LockTimeoutDataSource}).
     */
    private DataSource sessions() {
        return new LockTimeoutDataSource(dataSource, dialect, lockTimeout);
    }
}
