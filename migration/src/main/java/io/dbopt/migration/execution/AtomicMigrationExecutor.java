package io.dbopt.migration.execution;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.migration.schema.PreparedCatalogReads;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.schema.SideReadSnapshot;
import io.dbopt.migration.schema.TableSchema;
import io.dbopt.migration.script.Ddl;
import io.dbopt.migration.script.RollbackScriptGenerator;
import io.dbopt.migration.script.ScriptAnalysis;
import io.dbopt.migration.script.SqlScript;
import io.dbopt.migration.script.StatementParser;
import io.dbopt.migration.script.UndoScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.dbopt.migration.AppliedMigration;
import io.dbopt.migration.MigrationErrorCode;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.rollback.Compensator;
import io.dbopt.migration.rollback.DataRollback;
import io.dbopt.migration.rollback.StatePreserver;
import io.dbopt.migration.rollback.StateStore;
import io.dbopt.migration.rollback.TableDataKeeper;
import io.dbopt.migration.rollback.TableRows;

/**
 * Makes each migration of a set all-or-nothing, as a Flyway callback. On PostgreSQL a migration is one transaction
 * and nothing more is needed. Where DDL is not transactional (MariaDB, and PostgreSQL scripts that build indexes
 * {@code CONCURRENTLY}), every statement that succeeds is recorded in the state table on a connection of its own;
 * if a later statement fails, the recorded ones are undone by compensating statements and the schema is compared
 * with the snapshot taken before the migration. If a migrator died half-way, the next one finds its record and
 * compensates before running the migration again. Before each migration it also drops INVALID leftovers of
 * concurrent index builds, snapshots the tables the script touches ({@link StatePreserver}) and stores that snapshot
 * with the undo generated from it in one statement (on the journal, with the first statement's progress row). When
 * the migration has run to its end, its progress rows are removed in the transaction in which Flyway records it as
 * applied (when Flyway's connection has one open), so the journal costs one commit per statement, and there is no
 * moment at which neither the history nor the journal knows that the statements ran. The script is parsed once per
 * migration.
 *
 * <p>One instance serves one {@code migrate} call of one set (Flyway calls it from one thread). Exceptions while
 * compensating are kept and reported with the migration's failure, never thrown over it.
 */
final class AtomicMigrationExecutor implements Callback, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicMigrationExecutor.class);
    private static final Set<Event> EVENTS = Set.of(Event.BEFORE_EACH_MIGRATE, Event.AFTER_EACH_MIGRATE_STATEMENT,
            Event.AFTER_EACH_MIGRATE_STATEMENT_ERROR, Event.AFTER_EACH_MIGRATE, Event.AFTER_EACH_MIGRATE_ERROR);

    private final MigrationSet set;
    private final Dialect dialect;
    private final DataSource dataSource;
    private final ScriptLocator locator;
    private final StateStore store;
    private final StatePreserver preserver;
    private final Compensator compensator;
    private final boolean preserveState;
    private final long preserveDataRows;
    private final MigrationInstruments instruments;
    private final java.util.function.Consumer<AppliedMigration> onApplied;
    private final List<AppliedMigration> applied = new ArrayList<>();
    private final Map<String, Attempt> failed = new LinkedHashMap<>();
    private Attempt attempt;
    /**
     * The scoped snapshot's catalog queries prepared on Flyway's connection (PostgreSQL): planned once per run, not
     * before every migration.
     */
    private final PreparedCatalogReads catalogReads = new PreparedCatalogReads();
    /** The autocommit connection progress rows go to, opened at the first non-transactional migration. */
    private Connection journal;

    /** The migration in progress. */
    static final class Attempt {
        final String version;
        final String script;
        final SqlScript parsed;
        /** What each statement does, read once and shared by the analysis, the snapshot's scope and the undo. */
        final List<Ddl> ddl;
        final long started = System.nanoTime();
        final List<String> executed = new ArrayList<>();
        boolean transactional;
        Connection journal;
        SchemaSnapshot before;
        String failedSql;
        Compensator.Result compensation;
        List<String> recoveredIndexes = List.of();
        List<String> recoveredStatements = List.of();
        boolean keptAllRows;
        /**
         * Journal only: the snapshot (and the undo, when present) are still to be written, with the first statement's
         * progress row, or, for a migration without statements, when it is recorded as applied. Crash recovery reads
         * the snapshot only when progress rows exist, and no statement has committed before the first progress row
         * is written, so writing them together costs one journal commit fewer and leaves recovery as it was.
         */
        Optional<UndoScript> unrecordedUndo;
        /** The undo could not be generated before the migration ran, so it is generated and recorded after it. */
        boolean undoDeferred;
        List<TableRows> keptRows = List.of();
        Map<String, Integer> rowsRestored = Map.of();
        Exception rowsProblem;
        Exception problem;
        private final Dialect dialect;
        private UndoScript undo;

        Attempt(String version, String script, SqlScript parsed, Dialect dialect) {
            this.version = version;
            this.script = script;
            this.parsed = parsed;
            this.ddl = StatementParser.of(dialect).parseAll(parsed);
            this.dialect = dialect;
        }

        /** The generated undo of the script against the pre-migration snapshot, generated once. */
        UndoScript undo() {
            if (undo == null) {
                undo = RollbackScriptGenerator.of(dialect).generate(parsed, ddl, before);
            }
            return undo;
        }
    }

    AtomicMigrationExecutor(MigrationSet set, Dialect dialect, DataSource dataSource, ScriptLocator locator,
                            StateStore store, StatePreserver preserver, Compensator compensator, boolean preserveState,
                            long preserveDataRows, MigrationInstruments instruments,
                            java.util.function.Consumer<AppliedMigration> onApplied) {
        this.set = set;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.locator = locator;
        this.store = store;
        this.preserver = preserver;
        this.compensator = compensator;
        this.preserveState = preserveState;
        this.preserveDataRows = preserveDataRows;
        this.instruments = instruments;
        this.onApplied = onApplied;
    }

    List<AppliedMigration> applied() {
        return List.copyOf(applied);
    }

    Optional<Attempt> failure(String version) {
        return Optional.ofNullable(failed.get(version));
    }

    Optional<Attempt> lastFailure() {
        return failed.values().stream().reduce((a, b) -> b);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return EVENTS.contains(event) && context.getMigrationInfo() != null
                && context.getMigrationInfo().getVersion() != null;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public String getCallbackName() {
        return "dbopt-" + set.name();
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            switch (event) {
                case BEFORE_EACH_MIGRATE -> {
                    try {
                        before(context);
                    } catch (SQLException | RuntimeException e) {
                        closeJournal();
                        throw e;
                    }
                }
                case AFTER_EACH_MIGRATE_STATEMENT -> statement(context);
                case AFTER_EACH_MIGRATE_STATEMENT_ERROR -> {
                    if (attempt != null && context.getStatement() != null) {
                        attempt.failedSql = context.getStatement().getSql();
                    }
                }
                case AFTER_EACH_MIGRATE -> after(context);
                case AFTER_EACH_MIGRATE_ERROR -> afterError(context);
                default -> {
                    // not subscribed
                }
            }
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("keeping migration state of " + set.name(), e);
        }
    }

    private void before(Context context) throws SQLException {
        MigrationInfo info = context.getMigrationInfo();
        String version = info.getVersion().getVersion();
        SqlScript parsed = SqlScript.parse(info.getScript(), locator.require(set.name(), info.getScript()), dialect);
        attempt = new Attempt(version, info.getScript(), parsed, dialect);
        Connection c = context.getConnection();
        attempt.transactional = dialect.supportsTransactionalDdl() && !c.getAutoCommit();
        Optional<List<String>> touched = ScriptAnalysis.tablesTouched(attempt.ddl);
        // MariaDB, scoped snapshot: the dead migrator's progress rows are read in the snapshot's statement
        boolean progressInSnapshot = !attempt.transactional && !(dialect instanceof PostgresDialect)
                && touched.isPresent() && !touched.get().isEmpty();
        if (!attempt.transactional) {
            if (journal == null || journal.isClosed()) {
                journal = dataSource.getConnection();
                journal.setAutoCommit(true);
            }
            attempt.journal = journal;
            if (!progressInSnapshot) {
                recoverDeadMigrator(c, store.list(attempt.journal, set.name(), attempt.version,
                        StateStore.Kind.PROGRESS));
            }
        }
        if (dialect instanceof PostgresDialect) {
            attempt.recoveredIndexes = InvalidIndexRecovery.dropInvalid(c, dialect, set.name(),
                    ScriptAnalysis.of(attempt.ddl).indexesBuiltConcurrently());
        }
        // only what the script touches, when that is all its undo and compensation need: the cost then stays flat
        // as the schema grows, instead of a read of every table before every migration
        if (progressInSnapshot) {
            SideReadSnapshot read = preserver.snapshotWithProgress(c, touched.get(), set.name(), version);
            attempt.before = read.snapshot();
            if (!read.sideRows().isEmpty()) {
                recoverDeadMigrator(c, read.sideRows());
                attempt.before = snapshotBefore(c, touched); // the schema as compensation left it
            }
        } else {
            attempt.before = snapshotBefore(c, touched);
        }
        if (preserveState || !attempt.transactional) {
            // the undo depends only on the script and this snapshot, so both go in one statement: on PostgreSQL
            // inside the migration's transaction now (they commit or vanish with it); on the journal with the first
            // statement's progress row (see statement()). Rollback reads an undo only for a version the history
            // lists as applied, and every successful run rewrites it.
            Optional<UndoScript> undo = preserveState ? undoBeforeRunning() : Optional.empty();
            if (attempt.journal != null) {
                attempt.unrecordedUndo = undo;
            } else {
                preserver.recordSnapshotAndUndo(c, set.name(), version, attempt.before, undo);
            }
        }
        if (preserveState && preserveDataRows > 0) {
            keepRows(c);
        }
    }

    /**
     * The schema before the migration: the tables the script touches when that is all its undo and compensation
     * need, else the whole schema. In a migration that runs as one transaction (PostgreSQL), the tables the script
     * creates before anything else touches them are not read but recorded absent: if the migration commits they were
     * absent (their {@code CREATE TABLE} succeeded), and if it fails it rolls back whole, with the snapshot and undo
     * rows written in the same transaction. Never where DDL commits on its own (MariaDB, {@code CONCURRENTLY}
     * scripts): there compensation and crash recovery compare with what was really there.
     */
    private SchemaSnapshot snapshotBefore(Connection c, Optional<List<String>> touched) throws SQLException {
        if (touched.isEmpty()) {
            return preserver.snapshot(c, List.of());
        }
        Set<String> created = attempt.transactional ? ScriptAnalysis.tablesCreatedFirst(attempt.ddl) : Set.of();
        if (dialect instanceof PostgresDialect && !touched.get().isEmpty()) {
            return preserver.snapshot(c, touched.get(), created, catalogReads);
        }
        return created.isEmpty() ? preserver.snapshot(c, touched.get())
                : preserver.snapshot(c, touched.get(), created);
    }

    /**
     * The undo, when it can be written before the migration runs. A script whose names cannot be quoted for the
     * dialect (a MariaDB name outside the Basic Multilingual Plane) makes the generator throw: its undo is then left
     * to {@link #after}, as before, so the server's own refusal of the script is what the caller sees.
     */
    private Optional<UndoScript> undoBeforeRunning() {
        try {
            return Optional.of(attempt.undo());
        } catch (RuntimeException e) {
            attempt.undoDeferred = true;
            return Optional.empty();
        }
    }

    /** Copies out the rows of the tables the migration loses rows of, when they are small enough. */
    private void keepRows(Connection c) throws SQLException {
        UndoScript preview = attempt.undo();
        List<TableRows> kept = new ArrayList<>();
        TableDataKeeper keeper = new TableDataKeeper(dialect);
        for (String table : preview.tablesToRestore()) {
            Optional<TableSchema> schema = attempt.before.table(table);
            if (schema.isEmpty()) {
                kept.add(TableRows.skipped(table, table + " did not exist before the migration"));
                continue;
            }
            TableRows rows = keeper.capture(c, schema.get(), preserveDataRows);
            if (rows.kept()) {
                LOG.info("{} - V{} loses rows of {}: kept its {} row(s) for rollback", set.name(), attempt.version,
                        table, rows.rows().size());
            } else {
                LOG.warn("{} - V{} loses rows of {}, which were not kept ({}): rolling it back will need a "
                        + "hand-written undo", set.name(), attempt.version, table, rows.skipped());
            }
            kept.add(rows);
        }
        attempt.keptAllRows = preview.isCompleteWithData() && kept.stream().allMatch(TableRows::kept);
        attempt.keptRows = kept.stream().filter(TableRows::kept).toList();
        if (!kept.isEmpty()) {
            preserver.recordData(stateConnection(c), set.name(), attempt.version, kept);
        }
    }

    /**
     * A migrator that died half-way left progress rows ({@code leftover}, read from the journal before the
     * migration, or on MariaDB in the snapshot's statement): undo them before this migration runs again.
     */
    private void recoverDeadMigrator(Connection c, List<String> leftover) throws SQLException {
        if (leftover.isEmpty()) {
            return;
        }
        Optional<SchemaSnapshot> before = preserver.storedSnapshot(attempt.journal, set.name(), attempt.version);
        if (before.isEmpty()) {
            throw new DbOptException(MigrationErrorCode.PARTIALLY_APPLIED, set.name() + " V" + attempt.version
                    + " was left half-applied by a migrator that died (" + leftover.size() + " statements) and no "
                    + "snapshot of the schema before it was kept: undo those statements by hand, then delete its "
                    + "progress rows from the state table");
        }
        LOG.warn("{} - V{} was left half-applied by a migrator that died ({} statements); compensating",
                set.name(), attempt.version, leftover.size());
        Compensator.Result result = compensator.compensate(c, set.name(), attempt.script, leftover, before.get());
        if (!result.restored()) {
            DbOptException e = new DbOptException(MigrationErrorCode.PARTIALLY_APPLIED, set.name() + " V"
                    + attempt.version + " was left half-applied by a migrator that died and could not be restored: "
                    + String.join("; ", result.remainingDifferences()) + ". Restore these by hand");
            result.error().ifPresent(e::addSuppressed);
            throw e;
        }
        store.delete(attempt.journal, set.name(), attempt.version, StateStore.Kind.PROGRESS);
        attempt.recoveredStatements = leftover;
    }

    private void statement(Context context) throws SQLException {
        if (attempt == null || context.getStatement() == null) {
            return;
        }
        attempt.executed.add(context.getStatement().getSql());
        if (attempt.journal != null && attempt.unrecordedUndo != null) {
            preserver.recordSnapshotAndUndo(attempt.journal, set.name(), attempt.version, attempt.before,
                    attempt.unrecordedUndo, List.of(new StateStore.Row(StateStore.Kind.PROGRESS,
                            attempt.executed.size(), context.getStatement().getSql())));
            attempt.unrecordedUndo = null;
        } else if (attempt.journal != null) {
            store.put(attempt.journal, set.name(), attempt.version, StateStore.Kind.PROGRESS, attempt.executed.size(),
                    context.getStatement().getSql());
        }
    }

    private void after(Context context) throws SQLException {
        if (attempt == null) {
            return;
        }
        forgetPreparedIfDeallocated();
        try {
            UndoScript undo = attempt.undo(); // recorded with the snapshot before the migration ran, unless deferred
            if (preserveState && attempt.undoDeferred) {
                preserver.recordUndo(stateConnection(context.getConnection()), set.name(), attempt.version, undo);
            }
            if (attempt.journal != null && attempt.unrecordedUndo != null) {
                // no statement ran: the snapshot and undo go where the progress delete goes
                Connection migration = context.getConnection();
                preserver.recordSnapshotAndUndo(migration.getAutoCommit() ? attempt.journal : migration, set.name(),
                        attempt.version, attempt.before, attempt.unrecordedUndo);
                attempt.unrecordedUndo = null;
            }
            if (attempt.journal != null) {
                clearProgress(context.getConnection());
            }
            AppliedMigration done = new AppliedMigration(set.name(), attempt.version, attempt.script,
                    attempt.executed.size(), attempt.transactional, undo.isComplete() || attempt.keptAllRows,
                    attempt.recoveredIndexes, attempt.recoveredStatements);
            applied.add(done);
            try {
                onApplied.accept(done);
            } catch (RuntimeException e) {
                LOG.warn("{} - the onApplied listener failed after V{}: {}", set.name(), attempt.version, e.toString());
            }
            instruments.applied(set.name(), System.nanoTime() - attempt.started);
        } finally {
            closeJournal();
        }
    }

    private void afterError(Context context) {
        if (attempt == null) {
            return;
        }
        catalogReads.forget(); // whatever the failed script ran, the next read looks the session up again
        try {
            failed.put(attempt.version, attempt);
            if (attempt.transactional || attempt.before == null) {
                return;
            }
            Connection c = context.getConnection();
            if (!c.getAutoCommit()) {
                // discard the failed migration's uncommitted DML before compensating DDL commits implicitly
                c.rollback();
            }
            attempt.compensation = compensator.compensate(c, set.name(), attempt.script, attempt.executed,
                    attempt.before);
            if (attempt.compensation.restored() && !attempt.keptRows.isEmpty() && !attempt.executed.isEmpty()) {
                // committed statements may have changed rows too: put the kept tables back as they were
                try {
                    attempt.rowsRestored = new DataRollback(dialect, preserver.reader(), new TableDataKeeper(dialect))
                            .restore(c, attempt.before, attempt.keptRows).rowsWritten();
                    if (!c.getAutoCommit()) {
                        c.commit(); // Flyway's transaction holds nothing else: the failed statements were rolled back
                    }
                } catch (SQLException | RuntimeException e) {
                    attempt.rowsProblem = e;
                    LOG.error("{} - V{} failed; its schema was restored but putting the kept rows back failed: {}",
                            set.name(), attempt.version, SafeErrors.describe(e));
                }
            }
            if (attempt.compensation.restored() && attempt.journal != null) {
                store.delete(attempt.journal, set.name(), attempt.version, StateStore.Kind.PROGRESS);
            }
        } catch (SQLException | RuntimeException e) {
            attempt.problem = e;
            LOG.error("{} - V{} failed and compensating it failed too: {}", set.name(), attempt.version,
                    SafeErrors.describe(e));
        } finally {
            instruments.failedAfter(System.nanoTime() - attempt.started);
            closeJournal();
        }
    }

    /**
     * A script that ran {@code DISCARD} or {@code DEALLOCATE} may have dropped the session's prepared statements: the
     * next snapshot looks them up again instead of executing statements that may be gone.
     */
    private void forgetPreparedIfDeallocated() {
        for (var statement : attempt.parsed.statements()) {
            String keyword = statement.keyword();
            if ("DISCARD".equalsIgnoreCase(keyword) || "DEALLOCATE".equalsIgnoreCase(keyword)) {
                catalogReads.forget();
                return;
            }
        }
    }

    /**
     * Removes the progress rows of a migration that ran to its end. When Flyway's connection has a transaction open
     * (MariaDB: Flyway records the history row in a transaction of its own after the script's last statement), the
     * delete joins that transaction, so the progress rows vanish in the very commit that records the migration as
     * applied: no separate journal commit (a durable log flush) for it, and no moment at which a dead migrator leaves
     * a fully applied migration that neither the history nor the journal knows of. On an autocommit connection
     * (PostgreSQL {@code CONCURRENTLY} scripts) the journal deletes them, as before.
     */
    private void clearProgress(Connection migration) throws SQLException {
        Connection target = migration.getAutoCommit() ? attempt.journal : migration;
        store.delete(target, set.name(), attempt.version, StateStore.Kind.PROGRESS);
    }

    /** Where state rows go: the migration's own transaction, or the autocommit journal connection. */
    private Connection stateConnection(Connection migration) {
        return attempt.journal != null ? attempt.journal : migration;
    }

    /** Ends an attempt's use of the journal; the connection stays open for the set's next migration. */
    private void closeJournal() {
        if (attempt != null) {
            attempt.journal = null;
        }
    }

    /** Closes the journal connection, once the set's step is over. */
    @Override
    public void close() {
        if (journal != null) {
            try {
                journal.close();
            } catch (SQLException e) {
                LOG.warn("{} - closing the journal connection failed: {}", set.name(), SafeErrors.describe(e));
            }
            journal = null;
        }
    }
}
