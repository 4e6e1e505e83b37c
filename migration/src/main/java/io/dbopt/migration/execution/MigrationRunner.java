package io.dbopt.migration.execution;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.SchemaDiff;
import io.dbopt.migration.schema.SchemaSnapshot;
import io.dbopt.migration.lint.LintResult;
import io.dbopt.migration.lint.MigrationValidator;
import io.dbopt.migration.script.ScriptStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import io.dbopt.migration.AppliedMigration;
import io.dbopt.migration.FailedMigration;
import io.dbopt.migration.MigrateReport;
import io.dbopt.migration.MigrationErrorCode;
import io.dbopt.migration.MigrationFailedException;
import io.dbopt.migration.MigrationPlan;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.PlanStep;
import io.dbopt.migration.PlannedMigration;
import io.dbopt.migration.Revision;
import io.dbopt.migration.RevisionReport;
import io.dbopt.migration.RevisionState;
import io.dbopt.migration.RollbackReport;
import io.dbopt.migration.RollbackTarget;
import io.dbopt.migration.RollbackVerification;
import io.dbopt.migration.SetRevisions;
import io.dbopt.migration.dependency.DependencyGraph;
import io.dbopt.migration.dependency.DependencyResolver;
import io.dbopt.migration.dependency.ScriptCompiler;
import io.dbopt.migration.history.HistoryLock;
import io.dbopt.migration.rollback.Compensator;
import io.dbopt.migration.rollback.StateStore;

/**
 * Plans, runs, validates and lints for {@link io.dbopt.migration.MigrationFramework} on a {@link MigrationEngine};
 * holds no state of its own. Thread-safe; concurrent migrations serialise on Flyway's database lock.
 */
public final class MigrationRunner {

    private final MigrationEngine engine;

    MigrationRunner(MigrationEngine engine) {
        this.engine = engine;
    }

    /** The dependency order of every migration and each set's revisions by version. */
    private record Ordered(List<DependencyGraph.Node> order, Map<String, Map<String, Revision>> revisions) {
    }

    private Ordered order(RevisionReport info) {
        Map<String, List<String>> versions = new LinkedHashMap<>();
        Map<String, Map<String, Revision>> byVersion = new LinkedHashMap<>();
        for (SetRevisions s : info.sets()) {
            versions.put(s.set(), s.revisions().stream().map(Revision::version).toList());
            Map<String, Revision> map = new LinkedHashMap<>();
            s.revisions().forEach(r -> map.put(r.version(), r));
            byVersion.put(s.set(), map);
        }
        return new Ordered(new DependencyResolver(engine.sets()).order(versions), byVersion);
    }

    /** The pending migrations of all sets in dependency order, grouped into the steps Flyway will execute. */
    public MigrationPlan plan(RevisionReport info) {
        Ordered o = order(info);
        return ScriptCompiler.compile(o.order(), o.revisions());
    }

    /** Applies every pending migration in plan order. */
    public MigrateReport migrate() {
        return migrate(Optional.empty());
    }

    /** Applies the pending migrations of {@code set} up to {@code version}, and whatever they require first. */
    public MigrateReport migrate(String set, String version) {
        return migrate(Optional.of(new DependencyGraph.Node(engine.set(set).name(),
                MigrationSet.requireVersion(version))));
    }

    private MigrateReport migrate(Optional<DependencyGraph.Node> upTo) {
        engine.ensureStateTable();
        // the plan from one read of the history tables; each step's Flyway validates its set as it migrates
        Ordered o = order(new RevisionReport(PlanningRevisions.read(engine.dataSource(), engine.dialect(),
                engine.sets(), engine::locator, engine.options().catalogTimeout())));
        List<DependencyGraph.Node> order = o.order();
        if (upTo.isPresent()) {
            int at = indexOf(order, upTo.get());
            order = order.subList(0, at + 1);
        }
        MigrationPlan plan = ScriptCompiler.compile(order, o.revisions());
        engine.options().lintGate().ifPresent(threshold -> {
            LintResult result = lint(true);
            engine.instruments().lint(result.findings());
            gate(result, threshold);
        });
        List<AppliedMigration> applied = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            applied.addAll(runStep(engine.set(step.set()), step.target()));
        }
        return new MigrateReport(plan, applied);
    }

    private static int indexOf(List<DependencyGraph.Node> order, DependencyGraph.Node wanted) {
        for (int i = 0; i < order.size(); i++) {
            DependencyGraph.Node n = order.get(i);
            if (n.set().equals(wanted.set()) && org.flywaydb.core.api.MigrationVersion.fromVersion(n.version())
                    .equals(org.flywaydb.core.api.MigrationVersion.fromVersion(wanted.version()))) {
                return i;
            }
        }
        throw new DbOptException(MigrationErrorCode.MISSING_DEPENDENCY, "Migration set " + wanted.set()
                + " has no migration V" + wanted.version() + ": check the version and the set's locations");
    }

    private static void gate(LintResult result, Severity threshold) {
        List<Finding> blocking = result.findings().stream().filter(f -> f.severity().isAtLeast(threshold)).toList();
        if (!blocking.isEmpty()) {
            throw new DbOptException(MigrationErrorCode.LINT_FAILED, blocking.size() + " lint finding(s) at or above "
                    + threshold + " in pending migrations, e.g. " + blocking.stream().limit(3)
                    .map(f -> f.check() + " at " + f.location()).toList()
                    + ": fix them or suppress each with -- dbopt:ignore <rule> <reason>");
        }
    }

    /** Runs one plan step: Flyway migrates the set up to {@code target} with the atomic executor attached. */
    private List<AppliedMigration> runStep(MigrationSet set, String target) {
        awaitHistoryLock(set);
        AtomicMigrationExecutor executor = new AtomicMigrationExecutor(set, engine.dialect(),
                engine.dataSource(), engine.locator(set.name()), engine.store(), engine.preserver(),
                new Compensator(engine.dialect(), engine.reader()), engine.options().preserveState(),
                engine.options().preserveDataRows(), engine.instruments(), engine.options().onApplied());
        try (executor) {
            engine.flyways().create(set, Optional.of(target), Optional.of(executor)).migrate();
        } catch (FlywayException e) {
            throw failure(set, executor, e);
        }
        return executor.applied();
    }

    /**
     * Waits, up to the lock wait, until no other migrator holds the set's history lock, so that a waiter gives up
     * with {@link MigrationErrorCode#LOCK_TIMEOUT} naming the table, rather than after Flyway's own retries with a
     * generic error. Flyway takes the lock itself right after; a migrator that slips in between is waited for by
     * Flyway's retries, as before.
     */
    private void awaitHistoryLock(MigrationSet set) {
        Jdbc.withConnection(engine.dataSource(), "waiting for the history lock of " + set.name(), c -> {
            String schema = Jdbc.queryFirst(c, engine.dialect().currentSchemaQuery(), rs -> rs.getString(1))
                    .orElse("");
            try (HistoryLock lock = HistoryLock.acquire(c, engine.dialect(), schema, set.historyTable(),
                    engine.options().lockWait())) {
                return lock != null;
            }
        });
    }

    private DbOptException failure(MigrationSet set, AtomicMigrationExecutor executor, FlywayException e) {
        Optional<AtomicMigrationExecutor.Attempt> failed = executor.lastFailure();
        for (Throwable cause = e.getCause(); failed.isEmpty() && cause != null; cause = cause.getCause()) {
            if (cause instanceof DbOptException own) {
                return own; // dbopt's own error raised inside a callback keeps its code; Flyway only wrapped it
            }
        }
        if (failed.isEmpty()) {
            boolean validation = e.getClass().getSimpleName().contains("Validate");
            return new DbOptException(validation ? MigrationErrorCode.VALIDATION_FAILED : MigrationErrorCode.SQL_FAILED,
                    "Flyway could not migrate set " + set.name() + ": " + (SafeErrors.carriesValues(e)
                            ? SafeErrors.describe(e) : firstLine(e.getMessage()))
                            + (validation ? " (run dbopt validate for details)" : ""), SafeErrors.withoutValues(e));
        }
        AtomicMigrationExecutor.Attempt a = failed.get();
        Compensator.Result comp = a.compensation;
        boolean restored = a.transactional || comp != null && comp.restored() && a.rowsProblem == null;
        List<String> remaining = new java.util.ArrayList<>(comp == null ? List.of(a.problem == null
                ? "not compensated" : "not compensated: " + SafeErrors.describe(a.problem))
                : comp.remainingDifferences());
        if (a.rowsProblem != null) {
            remaining.add("the schema was restored, but putting the kept rows back failed: "
                    + SafeErrors.describe(a.rowsProblem));
        }
        boolean cleaned = !a.transactional && restored && removeFailedRow(set, a.version);
        FailedMigration failure = new FailedMigration(set.name(), a.version, a.script, a.transactional,
                a.executed.size(), Optional.ofNullable(a.failedSql), lineOf(a), comp == null ? List.of()
                : comp.statements(), restored, remaining, cleaned, a.rowsRestored);
        engine.instruments().failed(set.name(), restored);
        MigrationFailedException ex = new MigrationFailedException(failure, SafeErrors.describe(e),
                SafeErrors.withoutValues(e));
        if (a.problem != null) {
            ex.addSuppressed(SafeErrors.withoutValues(a.problem));
        }
        if (a.rowsProblem != null) {
            ex.addSuppressed(SafeErrors.withoutValues(a.rowsProblem));
        }
        if (comp != null) {
            comp.error().map(SafeErrors::withoutValues).ifPresent(ex::addSuppressed);
        }
        return ex;
    }

    private boolean removeFailedRow(MigrationSet set, String version) {
        return Jdbc.withConnection(engine.dataSource(), "removing the failed history row of " + set.name(), c -> {
            String schema = Jdbc.queryFirst(c, engine.dialect().currentSchemaQuery(), rs -> rs.getString(1))
                    .orElse("");
            try (HistoryLock lock = HistoryLock.acquire(c, engine.dialect(), schema, set.historyTable(),
                    engine.options().lockWait())) {
                Jdbc.update(lock.connection(), "DELETE FROM " + engine.dialect().quote(set.historyTable())
                        + " WHERE version = ? AND success = ?", version, false);
                engine.store().delete(lock.connection(), set.name(), version, StateStore.Kind.PROGRESS);
                return true;
            }
        });
    }

    private static int lineOf(AtomicMigrationExecutor.Attempt a) {
        List<ScriptStatement> statements = a.parsed.statements();
        if (a.failedSql != null) {
            String wanted = squash(a.failedSql);
            for (ScriptStatement s : statements) {
                if (squash(s.sql()).equals(wanted)) {
                    return s.line();
                }
            }
        }
        int next = a.executed.size();
        return next < statements.size() ? statements.get(next).line() : 0;
    }

    private static String squash(String sql) {
        String s = sql.strip();
        return (s.endsWith(";") ? s.substring(0, s.length() - 1) : s).replaceAll("\\s+", " ").strip();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /** Flyway's validation, the requirements between sets and the lint of pending scripts, as one report. */
    public FindingsReport validate() {
        List<ReportSection> sections = new ArrayList<>();
        RevisionReport info = engine.info();
        sections.add(info.toSection());
        List<Finding> flyway = new ArrayList<>();
        for (MigrationSet set : engine.sets()) {
            ValidateResult result = engine.flyways().createForValidation(set).validateWithResult();
            if (result.validationSuccessful) {
                continue;
            }
            for (ValidateOutput out : result.invalidMigrations) {
                flyway.add(Finding.builder("migration.validation", Severity.ERROR)
                        .object(DbObject.of(ObjectType.MIGRATION, set.name() + ":" + (out.filepath == null
                                ? "V" + out.version : out.filepath)))
                        .message(firstLine(out.errorDetails == null ? "invalid" : out.errorDetails.errorMessage))
                        .fix(Fix.advice("restore the applied script, or repair the history if the change is intended"))
                        .build());
            }
        }
        sections.add(ReportSection.of("Flyway validation", List.of(), flyway));
        try {
            sections.add(plan(info).toSection());
        } catch (DbOptException e) {
            sections.add(ReportSection.of("Migration plan", List.of(), List.of(Finding.builder("migration.dependency",
                    Severity.CRITICAL).object(DbObject.of(ObjectType.MIGRATION, "migration sets"))
                    .message(firstLine(e.getMessage())).build())));
        }
        LintResult pendingLint = lint(true);
        engine.instruments().lint(pendingLint.findings());
        sections.add(pendingLint.toSection("Lint of pending migrations"));
        DatabaseInfo db = DatabaseInfo.detect(engine.dataSource());
        return FindingsReport.of("dbopt migration validate", db.describe() + " at " + db.redactedUrl(), sections);
    }

    /** Lints every script of every set (undo scripts excepted), or only the pending ones. */
    public LintResult lint(boolean onlyPending) {
        SchemaSnapshot live = engine.snapshot();
        MigrationValidator validator = MigrationValidator.builder(engine.dialect()).schema(live)
                .assumeLockTimeout(true).build();
        Set<String> pending = new HashSet<>();
        if (onlyPending) {
            engine.info().sets().forEach(s -> s.inState(RevisionState.PENDING)
                    .forEach(r -> pending.add(s.set() + "/" + r.script())));
        }
        LintResult result = LintResult.empty();
        for (MigrationSet set : engine.sets()) {
            for (ScriptLocator.ScriptFile file : engine.locator(set.name()).list()) {
                String key = set.name() + "/" + file.path();
                if (file.name().matches("U\\d.*") || onlyPending && !pending.contains(key)) {
                    continue;
                }
                result = result.plus(validator.lint(key, file.text()));
            }
        }
        return result;
    }

    /** Migrates, undoes and re-migrates each pending migration of {@code set}, comparing schemas. */
    public RollbackVerification verifyRollback(MigrationSet set) {
        engine.ensureStateTable();
        MigrationPlan plan = plan(engine.info());
        List<RollbackVerification.Check> checks = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            if (!step.set().equals(set.name())) {
                runStep(engine.set(step.set()), step.target());
                continue;
            }
            for (PlannedMigration m : step.migrations()) {
                SchemaSnapshot before = engine.snapshot();
                runStep(set, m.version());
                RollbackReport undone = engine.rollback(set, RollbackTarget.count(1));
                SchemaDiff diff = SchemaDiff.between(engine.snapshot(), before);
                runStep(set, m.version());
                checks.add(new RollbackVerification.Check(m.version(), undone.undone().get(0).source(), diff.describe()));
            }
        }
        return new RollbackVerification(set.name(), checks);
    }
}
