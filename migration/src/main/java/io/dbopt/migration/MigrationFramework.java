package io.dbopt.migration;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.DataSources;
import io.dbopt.core.jdbc.OwnedDataSource;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.execution.MigrationEngine;
import io.dbopt.migration.execution.MigrationRunner;
import io.dbopt.migration.execution.RunOptions;
import io.dbopt.migration.guard.SchemaEpoch;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.lint.LintResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The entry point of dbopt-migration: Flyway migrations organised in sets that depend on each other, linted before
 * they run, all-or-nothing on every server, with free rollback.
 *
 * <pre>{@code
 * MigrationFramework migrations = MigrationFramework.configure()
 *     .dataSource(dataSource)
 *     .set(MigrationSet.builder("core").location("classpath:db/core").build())
 *     .set(MigrationSet.builder("documents").location("classpath:db/documents").requires("core", "2").build())
 *     .load();
 * MigrateReport report = migrations.migrate();
 * migrations.rollback("documents", RollbackTarget.count(1));
 * }</pre>
 *
 * <p>Each set has its own Flyway history table; {@link #plan()} orders all sets' pending migrations by their
 * requirements and Flyway executes the plan step by step under its own database lock, so concurrent instances
 * apply each migration once. Methods are thread-safe; concurrent calls serialise on the database lock. Errors are
 * {@link DbOptException}s with a {@link MigrationErrorCode}; a failed migration is a
 * {@link MigrationFailedException} that says what was rolled back or compensated.
 *
 * <p>Built from a configuration ({@link #create(DbOptConfig, DataSource)}, keys in {@link MigrationKeys}) or the
 * builder, it is a {@link DbOptComponent}: {@link #metrics()} counts what it did, {@link #healthCheck()} reads the
 * history tables, and {@link #close()} closes the data source it opened ({@link #create(DbOptConfig)}) and removes
 * the meters it registered through {@link Builder#meterRegistry(Object)}.
 */
public final class MigrationFramework implements DbOptComponent<MigrationMetrics> {

    private final MigrationEngine engine;
    private final MigrationRunner runner;
    private final SchemaEpoch epoch = new SchemaEpoch();
    private final MetricsRecorder ownedRecorder;
    private final AutoCloseable ownedDataSource;

    private MigrationFramework(Builder b, DataSource dataSource, AutoCloseable ownedDataSource,
                               MetricsRecorder recorder, MetricsRecorder ownedRecorder) {
        this.ownedDataSource = ownedDataSource;
        this.ownedRecorder = ownedRecorder;
        Dialect dialect = b.dialect != null ? b.dialect : DatabaseInfo.detect(dataSource).dialect();
        RunOptions options = new RunOptions(b.lockTimeout, b.lockWait, b.stateTable, b.preserveState,
                b.preserveDataRows, Optional.ofNullable(b.lintGate), b.placeholders, b.classLoader, b.healthTimeout,
                b.onApplied);
        this.engine = new MigrationEngine(dataSource, dialect, List.copyOf(b.sets.values()), options, recorder);
        this.runner = engine.runner();
    }

    /** Starts configuring a framework. */
    public static Builder configure() {
        return new Builder();
    }

    /**
     * A framework for {@code config}'s {@code database.url} with its {@code migration.*} settings
     * ({@link MigrationKeys}); it owns the data source it opens and closes it in {@link #close()}.
     *
     * @throws DbOptException when {@code database.url} is not set, or when {@code migration.sets} names no set
     */
    public static MigrationFramework create(DbOptConfig config) {
        return configure().config(config).load();
    }

    /**
     * A framework on the user's data source (never closed by the framework) with {@code config}'s
     * {@code migration.*} settings ({@link MigrationKeys}).
     *
     * @throws DbOptException when {@code migration.sets} names no set, or a setting is malformed
     */
    public static MigrationFramework create(DbOptConfig config, DataSource dataSource) {
        return configure().config(config).dataSource(dataSource).load();
    }

    @Override
    public String componentName() {
        return "migration";
    }

    /** What this framework has done since it was built: migrations applied, failed, rolled back, lint findings. */
    @Override
    public MigrationMetrics metrics() {
        return engine.instruments().snapshot();
    }

    /**
     * The health of the migrated schema: DOWN when a migration is recorded as failed or was left half-applied,
     * DEGRADED when migrations are pending, pending scripts have lint errors or another session holds a set's history
     * lock (a migration in progress), else UP. Reads the history tables directly, each query limited by
     * {@link MigrationKeys#HEALTH_TIMEOUT}, on a connection borrowed from the data source. Never throws.
     */
    @Override
    public Health healthCheck() {
        return engine.healthCheck();
    }

    /**
     * Closes the data source when the framework opened it, and removes the meters it registered when it made its own
     * recorder from a meter registry. Idempotent.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        if (ownedRecorder != null) {
            try {
                ownedRecorder.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (ownedDataSource != null) {
            try {
                ownedDataSource.close();
            } catch (Exception e) {
                DbOptException closing = new DbOptException(MigrationErrorCode.SQL_FAILED,
                        "Closing the migration data source failed: " + e.getMessage(), e);
                if (failure != null) {
                    closing.addSuppressed(failure);
                }
                failure = closing;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The dialect of the database migrated. */
    public Dialect dialect() {
        return engine.dialect();
    }

    /** The registered sets' names, in registration order. */
    public List<String> setNames() {
        return engine.sets().stream().map(MigrationSet::name).toList();
    }

    /**
     * A counter that goes up each time this framework changes the schema; {@link io.dbopt.migration.guard
     * .CachedPlanGuard} uses it to refresh pooled connections' prepared statements.
     */
    public SchemaEpoch schemaEpoch() {
        return epoch;
    }

    /** The set with this name. */
    MigrationSet set(String name) {
        return engine.set(name);
    }

    /** What each set has applied, pending, failed or drifted. */
    public RevisionReport info() {
        return engine.info();
    }

    /**
     * The pending migrations of all sets in dependency order, grouped into the steps Flyway will execute.
     *
     * @throws DbOptException naming the sets involved for a cycle, a missing version or an unknown set
     */
    public MigrationPlan plan() {
        return runner.plan(info());
    }

    /**
     * Applies every pending migration in plan order.
     *
     * @throws MigrationFailedException when a migration fails, saying what was rolled back or compensated
     * @throws DbOptException with {@link MigrationErrorCode#LINT_FAILED} when a lint gate is configured and a pending
     *     script breaks it, or {@link MigrationErrorCode#VALIDATION_FAILED} when Flyway's validation fails
     */
    public MigrateReport migrate() {
        MigrateReport report = runner.migrate();
        if (report.appliedCount() > 0) {
            epoch.advance();
        }
        return report;
    }

    /** Applies the pending migrations of {@code set} up to {@code version}, and whatever they require first. */
    public MigrateReport migrate(String set, String version) {
        MigrateReport report = runner.migrate(set, version);
        if (report.appliedCount() > 0) {
            epoch.advance();
        }
        return report;
    }

    /**
     * Checks every set against Flyway's validation (changed checksums, failed or missing migrations), the
     * requirements between sets, and the lint rules on pending scripts.
     */
    public FindingsReport validate() {
        return runner.validate();
    }

    /** Lints every script of every set (undo scripts excepted) against the live schema's sizes and indexes. */
    public LintResult lint() {
        LintResult result = runner.lint(false);
        engine.instruments().lint(result.findings());
        return result;
    }

    /**
     * Undoes migrations of one set, latest first.
     *
     * @throws DbOptException {@link MigrationErrorCode#ROLLBACK_NOT_POSSIBLE} when a migration needs a hand-written
     *     undo, {@link MigrationErrorCode#DEPENDENT_SET_APPLIED} when another applied set requires what would go
     */
    public RollbackReport rollback(String set, RollbackTarget target) {
        Objects.requireNonNull(target, "target");
        RollbackReport report = engine.rollback(set(set), target);
        if (!report.undone().isEmpty()) {
            epoch.advance();
        }
        return report;
    }

    /**
     * Migrates everything pending, and for each pending migration of {@code set}: snapshots the schema, migrates it,
     * undoes it, compares the schema with the snapshot, and migrates it again.
     */
    public RollbackVerification verifyRollback(String set) {
        RollbackVerification verification = runner.verifyRollback(set(set));
        epoch.advance();
        return verification;
    }

    /** The live schema, without Flyway's and dbopt's own tables. */
    public SchemaSnapshot snapshot() {
        return engine.snapshot();
    }

    /** Configures a {@link MigrationFramework}; not thread-safe. */
    public static final class Builder {
        private DataSource dataSource;
        private Dialect dialect;
        private final Map<String, MigrationSet> sets = new LinkedHashMap<>();
        private Duration lockTimeout = Duration.ofSeconds(10);
        private Duration lockWait = Duration.ofSeconds(60);
        private String stateTable = "dbopt_migration_state";
        private boolean preserveState = true;
        private long preserveDataRows;
        private Severity lintGate;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private ClassLoader classLoader = MigrationFramework.class.getClassLoader();
        private Duration healthTimeout = MigrationKeys.HEALTH_TIMEOUT.defaultValue().orElseThrow();
        private java.util.function.Consumer<AppliedMigration> onApplied = m -> { };
        private DbOptConfig config;
        private MetricsRecorder metrics;
        private Object meterRegistry;

        private Builder() {
        }

        /**
         * Called on the migrating thread after each migration is applied and recorded, e.g. to draw progress; an
         * exception it throws is logged and does not stop the migration.
         */
        public Builder onApplied(java.util.function.Consumer<AppliedMigration> listener) {
            this.onApplied = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Takes the {@code migration.*} settings of {@code config} ({@link MigrationKeys}) over the current ones: the
         * sets of {@code migration.sets} (after those already registered) with the requirements of
         * {@code migration.requires}, and the options; and its {@code database.url} when no data source is given.
         *
         * @throws DbOptException naming the key when a set or requirement is malformed
         */
        public Builder config(DbOptConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            ConfiguredSets.from(value).forEach(this::set);
            lockTimeout(value.get(MigrationKeys.LOCK_TIMEOUT));
            lockWait(value.get(MigrationKeys.LOCK_WAIT));
            stateTable(value.get(MigrationKeys.STATE_TABLE));
            preserveState(value.get(MigrationKeys.PRESERVE_STATE));
            preserveData(value.get(MigrationKeys.PRESERVE_DATA_ROWS));
            value.find(MigrationKeys.LINT_FAIL_ON).ifPresent(this::lintGate);
            ConfiguredSets.placeholders(value).forEach(this::placeholder);
            healthTimeout(value.get(MigrationKeys.HEALTH_TIMEOUT));
            return this;
        }

        /** Where the framework's meters go ({@link MigrationMeters}); default {@link MetricsRecorder#noop()}. */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            this.meterRegistry = null;
            return this;
        }

        /**
         * Records the framework's meters into a Micrometer {@code MeterRegistry} (typed {@code Object} so that this
         * class loads without Micrometer); the meters are removed when the framework is closed.
         */
        public Builder meterRegistry(Object registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            this.metrics = null;
            return this;
        }

        /** The time limit of each query behind {@link MigrationFramework#healthCheck()}; default 5 s. */
        public Builder healthTimeout(Duration value) {
            this.healthTimeout = positive(value, "healthTimeout");
            return this;
        }

        /** The database to migrate (required); connections are borrowed and closed per operation. */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /** The dialect, when it is known; detected from the data source otherwise. */
        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /** Registers a set; registration order breaks ties in the plan. */
        public Builder set(MigrationSet set) {
            Objects.requireNonNull(set, "set");
            if (sets.putIfAbsent(set.name(), set) != null) {
                throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, "Migration set " + set.name()
                        + " is registered twice: give each plugin's set its own name");
            }
            return this;
        }

        /** Registers sets in order. */
        public Builder sets(MigrationSet... value) {
            for (MigrationSet s : value) {
                set(s);
            }
            return this;
        }

        /**
         * How long a migration statement may wait for a table lock before failing (PostgreSQL
         * {@code lock_timeout}, MariaDB {@code lock_wait_timeout}, whole seconds); default 10 s. A DDL statement
         * waiting for a lock blocks every query queued behind it, so keep this short and retry.
         */
        public Builder lockTimeout(Duration value) {
            this.lockTimeout = positive(value, "lockTimeout");
            return this;
        }

        /** How long to wait for another migrator's history lock; default 60 s. */
        public Builder lockWait(Duration value) {
            this.lockWait = positive(value, "lockWait");
            return this;
        }

        /** The name of dbopt's state table; default {@code dbopt_migration_state}. */
        public Builder stateTable(String value) {
            if (value == null || !value.matches("[a-z][a-z0-9_]{0,62}")) {
                throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, "State table '" + value
                        + "' must be a lower case name of letters, digits and underscores");
            }
            this.stateTable = value;
            return this;
        }

        /**
         * Whether to keep each migration's pre-migration snapshot and generated undo (needed for generated
         * rollbacks); default true. Non-transactional migrations keep their snapshot regardless, for compensation.
         */
        public Builder preserveState(boolean value) {
            this.preserveState = value;
            return this;
        }

        /**
         * Keeps a copy of the rows a migration loses, so that its generated undo can put them back: before a
         * migration that drops a table or column, or updates, deletes or inserts rows of an existing table, each such
         * table with a primary key and at most {@code maxRowsPerTable} rows is copied into the state table; a
         * rollback then restores the dropped structure and those rows (deleting rows the migration inserted) instead
         * of demanding a hand-written undo. Larger tables are not copied, and rolling their migration back still
         * needs one. Default 0: off, because the copy holds application data (personal data too) until the migration
         * is rolled back; a successful rollback deletes it.
         *
         * @throws DbOptException when negative
         */
        public Builder preserveData(long maxRowsPerTable) {
            if (maxRowsPerTable < 0) {
                throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, "preserveData needs a row limit "
                        + ">= 0 (0 turns it off), was " + maxRowsPerTable);
            }
            this.preserveDataRows = maxRowsPerTable;
            return this;
        }

        /** Refuses to migrate when lint finds a problem at or above {@code severity} in a pending script. */
        public Builder lintGate(Severity severity) {
            this.lintGate = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** A Flyway placeholder, {@code ${name}} in scripts. */
        public Builder placeholder(String name, String value) {
            placeholders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The class loader for {@code classpath:} locations; default this library's. */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION, name + " must be positive, was "
                        + value);
            }
            return value;
        }

        /**
         * Builds the framework, detecting the dialect when none was given.
         *
         * @throws DbOptException when no data source (nor {@code database.url}) or no set was given
         */
        public MigrationFramework load() {
            if (dataSource == null && (config == null || config.database().isEmpty())) {
                throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION,
                        "MigrationFramework needs a dataSource(...), or config(...) with database.url");
            }
            if (sets.isEmpty()) {
                throw new DbOptException(MigrationErrorCode.INVALID_CONFIGURATION,
                        "MigrationFramework needs at least one set: set(MigrationSet.builder(\"core\")...build()) "
                        + "or migration.sets = core=classpath:db/core");
            }
            MetricsRecorder ownedRecorder = meterRegistry != null ? MetricsRecorder.micrometer(meterRegistry) : null;
            MetricsRecorder recorder = ownedRecorder != null ? ownedRecorder
                    : metrics != null ? metrics : MetricsRecorder.noop();
            if (dataSource != null) {
                return new MigrationFramework(this, dataSource, null, recorder, ownedRecorder);
            }
            OwnedDataSource owned = DataSources.open(config);
            try {
                return new MigrationFramework(this, owned, owned, recorder, ownedRecorder);
            } catch (RuntimeException e) {
                try {
                    owned.close();
                } catch (Exception closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        }
    }
}
