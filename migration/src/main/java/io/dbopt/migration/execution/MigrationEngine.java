package io.dbopt.migration.execution;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.component.Health;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.migration.MigrationErrorCode;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.RevisionReport;
import io.dbopt.migration.RollbackReport;
import io.dbopt.migration.RollbackTarget;
import io.dbopt.migration.history.FlywayFactory;
import io.dbopt.migration.history.RevisionTracker;
import io.dbopt.migration.rollback.RollbackManager;
import io.dbopt.migration.rollback.StatePreserver;
import io.dbopt.migration.rollback.StateStore;
import io.dbopt.migration.schema.SchemaReader;
import io.dbopt.migration.schema.SchemaSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What {@link io.dbopt.migration.MigrationFramework} runs on: the sets, their script locators and Flyway instances,
 * dbopt's state table, the schema reader, the rollback manager, the meters and the health check, built once from the
 * framework's options. The framework's methods delegate here and to {@link MigrationRunner}. Thread-safe.
 */
public final class MigrationEngine {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final List<MigrationSet> sets;
    private final RunOptions options;
    private final FlywayFactory flyways;
    private final Map<String, ScriptLocator> locators;
    private final StateStore store;
    private final SchemaReader reader;
    private final StatePreserver preserver;
    private final RevisionTracker tracker;
    private final RollbackManager rollbacks;
    private final MigrationInstruments instruments;
    private final MigrationHealth health;
    private final MigrationRunner runner;

    /** Builds the engine for the sets on {@code dataSource}, recording into {@code recorder}. */
    public MigrationEngine(DataSource dataSource, Dialect dialect, List<MigrationSet> sets, RunOptions options,
                           MetricsRecorder recorder) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.sets = List.copyOf(sets);
        this.options = options;
        this.flyways = new FlywayFactory(dataSource, dialect, options.classLoader(), options.lockTimeout(),
                options.placeholders(), (int) Math.max(1, options.lockWait().toSeconds()));
        Map<String, ScriptLocator> byName = new LinkedHashMap<>();
        this.sets.forEach(s -> byName.put(s.name(), new ScriptLocator(options.classLoader(),
                s.locationsFor(dialect.resourceFolder()))));
        this.locators = Map.copyOf(byName);
        this.store = new StateStore(dialect, options.stateTable());
        Set<String> own = this.sets.stream().map(MigrationSet::historyTable).collect(Collectors.toSet());
        own.add(options.stateTable());
        this.reader = SchemaReader.of(dialect).excluding(own::contains);
        this.preserver = new StatePreserver(reader, store);
        this.tracker = new RevisionTracker(flyways);
        this.rollbacks = new RollbackManager(dataSource, dialect, this.sets, locators, store, preserver, tracker,
                options.lockWait());
        this.instruments = new MigrationInstruments(recorder, this.sets.stream().map(MigrationSet::name).toList());
        this.health = new MigrationHealth(dataSource, dialect, this.sets, locators, options.stateTable(),
                options.catalogTimeout());
        this.runner = new MigrationRunner(this);
    }

    /** Plans, migrates, validates, lints and verifies rollbacks. */
    public MigrationRunner runner() {
        return runner;
    }

    /** The counts behind the framework's meters and metrics. */
    public MigrationInstruments instruments() {
        return instruments;
    }

    /** The health of the migrated schema, counted in the meters. */
    public Health healthCheck() {
        Health h = health.check();
        instruments.health(h.status());
        return h;
    }

    /** The dialect of the database migrated. */
    public Dialect dialect() {
        return dialect;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The registered sets, in registration order. */
    public List<MigrationSet> sets() {
        return sets;
    }

    RunOptions options() {
        return options;
    }

    FlywayFactory flyways() {
        return flyways;
    }

    ScriptLocator locator(String set) {
        return locators.get(set);
    }

    StateStore store() {
        return store;
    }

    StatePreserver preserver() {
        return preserver;
    }

    SchemaReader reader() {
        return reader;
    }

    /**
     * The set with this name.
     *
     * @throws DbOptException with {@link MigrationErrorCode#UNKNOWN_SET} naming the registered sets
     */
    public MigrationSet set(String name) {
        return sets.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new DbOptException(
                MigrationErrorCode.UNKNOWN_SET, "There is no migration set '" + name + "'; the registered sets are "
                + String.join(", ", sets.stream().map(MigrationSet::name).toList())));
    }

    /** What each set has applied, pending, failed or drifted. */
    public RevisionReport info() {
        return new RevisionReport(sets.stream().map(tracker::track).toList());
    }

    /** The live schema, without Flyway's and dbopt's own tables. */
    public SchemaSnapshot snapshot() {
        return reader.read(dataSource);
    }

    /** Undoes migrations of one set, latest first, counting them in the meters. */
    public RollbackReport rollback(MigrationSet set, RollbackTarget target) {
        RollbackReport report = rollbacks.rollback(set, target);
        instruments.rolledBack(set.name(), report.undone().size());
        return report;
    }

    /** Creates dbopt's state table if it does not exist yet. */
    void ensureStateTable() {
        Jdbc.withConnection(dataSource, "creating " + options.stateTable(), c -> {
            store.ensureTable(c);
            return null;
        });
    }
}
