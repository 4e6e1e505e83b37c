package io.dbopt.migration.rollback;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.script.ScriptAnalysis;
import io.dbopt.migration.script.ScriptStatement;
import io.dbopt.migration.script.SqlScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.dbopt.migration.MigrationErrorCode;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.Requirement;
import io.dbopt.migration.RollbackReport;
import io.dbopt.migration.RollbackTarget;
import io.dbopt.migration.UndoneMigration;
import io.dbopt.migration.execution.ScriptLocator;
import io.dbopt.migration.history.HistoryLock;
import io.dbopt.migration.history.RevisionTracker;

/**
 * Rolls a set back to a version or by a number of migrations, latest first, for free: each migration is undone by
 * its hand-written {@code U<version>__*.sql} if the set has one, else by the undo dbopt generated when it was
 * applied. Flyway's history stays consistent: the undone version's row is deleted, so Flyway sees the migration as
 * pending again. Runs under the same lock Flyway migrates under; on PostgreSQL each undo and its history change
 * commit together. This is the RollbackManager and MigrationRollbackManager in one class.
 */
public final class RollbackManager {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackManager.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final List<MigrationSet> sets;
    private final Map<String, ScriptLocator> locators;
    private final StateStore store;
    private final StatePreserver preserver;
    private final RevisionTracker tracker;
    private final Duration lockWait;
    private final DataRollback dataRollback;

    public RollbackManager(DataSource dataSource, Dialect dialect, List<MigrationSet> sets, Map<String, ScriptLocator> locators,
                    StateStore store, StatePreserver preserver, RevisionTracker tracker, Duration lockWait) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.sets = sets;
        this.locators = locators;
        this.store = store;
        this.preserver = preserver;
        this.tracker = tracker;
        this.lockWait = lockWait;
        this.dataRollback = new DataRollback(dialect, preserver.reader(), new TableDataKeeper(dialect));
    }

    /** An applied migration as the history table lists it. */
    private record Applied(String version, String script) {
    }

    public RollbackReport rollback(MigrationSet set, RollbackTarget target) {
        return Jdbc.withConnection(dataSource, "rolling back " + set.name(), c -> {
            String schema = Jdbc.queryFirst(c, dialect.currentSchemaQuery(), rs -> rs.getString(1)).orElse("");
            try (HistoryLock lock = HistoryLock.acquire(c, dialect, schema, set.historyTable(), lockWait)) {
                List<Applied> toUndo = select(appliedLatestFirst(lock.connection(), set), target);
                refuseIfRequired(set, toUndo);
                List<UndoneMigration> undone = new ArrayList<>();
                for (Applied a : toUndo) {
                    undone.add(undo(lock.connection(), set, a));
                }
                return new RollbackReport(set.name(), undone);
            }
        });
    }

    private List<Applied> appliedLatestFirst(Connection c, MigrationSet set) throws SQLException {
        return Jdbc.query(c, "SELECT version, script FROM " + dialect.quote(set.historyTable())
                        + " WHERE success = ? AND version IS NOT NULL AND type <> 'BASELINE' ORDER BY installed_rank DESC",
                rs -> new Applied(rs.getString(1), rs.getString(2)), true);
    }

    private static List<Applied> select(List<Applied> latestFirst, RollbackTarget target) {
        if (target.toVersion().isPresent()) {
            MigrationVersion floor = MigrationVersion.fromVersion(target.toVersion().get());
            return latestFirst.stream().filter(a -> MigrationVersion.fromVersion(a.version()).compareTo(floor) > 0)
                    .toList();
        }
        return latestFirst.subList(0, Math.min(target.count(), latestFirst.size()));
    }

    /** Refuses to remove a version another set requires while that set has migrations applied. */
    private void refuseIfRequired(MigrationSet set, List<Applied> toUndo) {
        for (MigrationSet other : sets) {
            for (Requirement r : other.requirements()) {
                if (!r.set().equals(set.name())) {
                    continue;
                }
                MigrationVersion needed = MigrationVersion.fromVersion(r.version());
                boolean removes = toUndo.stream().anyMatch(a -> MigrationVersion.fromVersion(a.version()).equals(needed));
                if (removes) {
                    Optional<String> at = tracker.track(other).currentVersion();
                    if (at.isPresent()) {
                        throw new DbOptException(MigrationErrorCode.DEPENDENT_SET_APPLIED, "Rolling " + set.name()
                                + " back would undo " + set.name() + ":" + r.version() + ", which set " + other.name()
                                + " requires, and " + other.name() + " has migrations applied (at " + at.get()
                                + "): roll " + other.name() + " back first");
                    }
                }
            }
        }
    }

    private UndoneMigration undo(Connection c, MigrationSet set, Applied a) throws SQLException {
        ScriptLocator locator = locators.get(set.name());
        UndoneMigration.Source source;
        List<String> statements;
        boolean outsideTransaction;
        List<TableRows> rows = List.of();
        Optional<SchemaSnapshot> before = preserver.storedSnapshot(c, set.name(), a.version());
        Optional<ScriptLocator.ScriptFile> handWritten = locator.undoFor(a.version());
        if (handWritten.isPresent()) {
            SqlScript script = SqlScript.parse(handWritten.get().name(), handWritten.get().text(), dialect);
            statements = script.statements().stream().map(ScriptStatement::sql).toList();
            outsideTransaction = ScriptAnalysis.of(script, dialect).concurrent();
            source = UndoneMigration.Source.HAND_WRITTEN;
        } else {
            StoredUndo stored = preserver.storedUndo(c, set.name(), a.version()).orElseThrow(() -> new DbOptException(
                    MigrationErrorCode.ROLLBACK_NOT_POSSIBLE, set.name() + " V" + a.version() + " (" + a.script()
                    + ") has no undo: it was applied without dbopt's state preservation; write U" + a.version()
                    + "__<description>.sql next to it"));
            if (!stored.irreversible().isEmpty()) {
                throw new DbOptException(MigrationErrorCode.ROLLBACK_NOT_POSSIBLE, set.name() + " V" + a.version()
                        + " (" + a.script() + ") cannot be undone automatically: "
                        + String.join("; ", stored.irreversible()) + ". Write U" + a.version()
                        + "__<description>.sql next to it");
            }
            if (!stored.dataLoss().isEmpty()) {
                rows = keptRows(c, set, a, stored, before);
            }
            statements = stored.statements();
            outsideTransaction = ScriptAnalysis.of(SqlScript.parse("undo", String.join(";\n", statements), dialect),
                    dialect).concurrent();
            source = UndoneMigration.Source.GENERATED;
        }
        LOG.info("{} - undoing V{} with {} {} statement(s)", set.name(), a.version(), statements.size(),
                source.name().toLowerCase(java.util.Locale.ROOT));
        boolean transactional = dialect.supportsTransactionalDdl() && !outsideTransaction;
        List<TableRows> keptRows = rows;
        DataRollback.Result restored = run(c, set, a, statements, transactional,
                keptRows.isEmpty() ? null : () -> dataRollback.restore(c, before.get(), keptRows));
        if (restored != null) {
            List<String> all = new ArrayList<>(statements);
            all.addAll(restored.statements());
            statements = all;
        }
        List<String> differences = before.map(b -> {
            try {
                return SchemaDiff.between(preserver.snapshot(c, b.scope()), b).describe();
            } catch (SQLException e) {
                throw DbOptException.sqlFailed("verifying the rollback of " + set.name() + " V" + a.version(), e);
            }
        }).orElse(List.of());
        return new UndoneMigration(set.name(), a.version(), a.script(), source, statements,
                before.isPresent() && differences.isEmpty(), differences,
                restored == null ? java.util.Map.of() : restored.rowsWritten());
    }

    /**
     * The kept rows that complete a generated undo which lost rows; refuses, naming the tables and why, when any
     * were not kept.
     */
    private List<TableRows> keptRows(Connection c, MigrationSet set, Applied a, StoredUndo stored,
                                     Optional<SchemaSnapshot> before) throws SQLException {
        Map<String, TableRows> kept = new java.util.LinkedHashMap<>();
        preserver.storedData(c, set.name(), a.version()).forEach(r -> kept.put(r.table(), r));
        List<String> missing = new ArrayList<>();
        for (StoredUndo.DataLoss loss : stored.dataLoss()) {
            TableRows rows = kept.get(loss.table());
            if (rows == null) {
                missing.add(loss.description() + "; its rows were not kept (migrate with "
                        + "MigrationFramework.configure().preserveData(maxRowsPerTable), or dbopt migrate "
                        + "--preserve-data ROWS, to keep them)");
            } else if (!rows.kept()) {
                missing.add(loss.description() + "; its rows were not kept: " + rows.skipped());
            }
        }
        if (before.isEmpty()) {
            missing.add("no schema snapshot from before the migration was kept");
        }
        if (!missing.isEmpty()) {
            throw new DbOptException(MigrationErrorCode.ROLLBACK_NOT_POSSIBLE, set.name() + " V" + a.version()
                    + " (" + a.script() + ") cannot be undone automatically: " + String.join("; ", missing)
                    + ". Write U" + a.version() + "__<description>.sql next to it");
        }
        return stored.dataLoss().stream().map(StoredUndo.DataLoss::table).distinct().map(kept::get).toList();
    }

    /** The part of an undo that puts kept rows back, run after the undo statements. */
    private interface RowRestore {
        public DataRollback.Result run() throws SQLException;
    }

    private DataRollback.Result run(Connection c, MigrationSet set, Applied a, List<String> statements,
                                    boolean transactional, RowRestore rows) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(!transactional);
        int done = 0;
        DataRollback.Result restored = null;
        try {
            for (String sql : statements) {
                Jdbc.execute(c, sql);
                done++;
            }
            if (rows != null) {
                restored = rows.run();
            }
            Jdbc.update(c, "DELETE FROM " + dialect.quote(set.historyTable()) + " WHERE version = ?", a.version());
            store.deleteAll(c, set.name(), a.version());
            if (transactional) {
                c.commit();
            }
            return restored;
        } catch (SQLException | RuntimeException e) {
            if (transactional) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            boolean atRows = done == statements.size() && rows != null;
            throw new DbOptException(MigrationErrorCode.ROLLBACK_FAILED, "Undo of " + set.name() + " V" + a.version()
                    + " failed at " + (atRows ? "putting the kept rows back after its " + statements.size()
                    + " statement(s)" : "statement " + (done + 1) + " of " + statements.size())
                    + (transactional ? "; it was rolled back, nothing changed"
                    : "; " + done + " statement(s)" + (atRows ? " and the structure re-added for the rows" : "")
                    + " stay applied, the history still lists V" + a.version())
                    + (atRows ? ": remove what the kept rows violate (a constraint or index added since?) and roll "
                    + "back again" : ": fix the undo script and roll back again"), e);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
