package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Statements outside any transaction that fail when the migration is run again after failing half way: CREATE
 * without {@code IF NOT EXISTS}, DROP without {@code IF EXISTS}, and ALTER TABLE actions that have no such guard;
 * and {@code CREATE INDEX CONCURRENTLY} without {@code IF NOT EXISTS} wherever it runs.
 */
final class RobustStatementsRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.prefer-robust-statements", Severity.INFO,
            "outside a transaction, a migration that fails part way leaves the statements before the failure "
                    + "applied; run again, the first of them fails because its object already exists (or is already "
                    + "gone), and the migration can never complete without a hand fix",
            "IF NOT EXISTS / IF EXISTS on every CREATE, ADD COLUMN, DROP and DROP COLUMN/CONSTRAINT that runs "
                    + "outside a transaction, and a transaction around anything that has no such guard; after a "
                    + "failed CREATE INDEX CONCURRENTLY also drop the INVALID leftover (dbopt's MigrationFramework "
                    + "does) before IF NOT EXISTS skips it")
            .squawk("prefer-robust-stmts");

    private static final Fix GUARD = Fix.advice("add IF [NOT] EXISTS, or run the script in a transaction");

    /** ALTER TABLE actions (read as {@link Ddl.OtherAction}) that fail when run a second time. */
    private static final Set<String> NOT_IDEMPOTENT = Set.of("RENAME CONSTRAINT", "ADD GENERATED AS IDENTITY",
            "SET SCHEMA", "INHERIT", "NO INHERIT", "OF", "NOT OF", "DROP IDENTITY", "DROP EXPRESSION");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        Ddl ddl = entry.ddl();
        if (ddl instanceof Ddl.CreateIndex ci && !ci.ifNotExists() && ci.named()
                && (ci.concurrently() || !entry.inTransaction())) {
            String guarded = NonConcurrentIndexRule.INDEX_KEYWORD.matcher(entry.statement().sql()).replaceFirst(
                    ci.concurrently() ? "INDEX" : "INDEX IF NOT EXISTS")
                    .replaceFirst("(?i)CONCURRENTLY", "CONCURRENTLY IF NOT EXISTS");
            if (!ci.concurrently()) {
                report(context, entry, "CREATE INDEX " + ci.name() + " has no IF NOT EXISTS",
                        Fix.sql("guard it so that a re-run skips what exists", guarded), out);
                return;
            }
            report(context, entry, "CREATE INDEX CONCURRENTLY " + ci.name() + " has no IF NOT EXISTS, and a failed "
                    + "build leaves an INVALID index of that name behind", Fix.sql("drop a failed build's INVALID "
                    + "leftover before the retry (IF NOT EXISTS alone would keep it); dbopt's MigrationFramework "
                    + "does this itself", "DROP INDEX CONCURRENTLY IF EXISTS " + context.quote(ci.name()), guarded),
                    out);
            return;
        }
        if (entry.inTransaction()) {
            return;
        }
        if (ddl instanceof Ddl.CreateTable ct && !ct.ifNotExists() && !(ct.temporary() && ct.onCommitDrop())) {
            report(context, entry, "CREATE TABLE " + ct.table() + " has no IF NOT EXISTS", GUARD, out);
        } else if (ddl instanceof Ddl.Drop d && !d.ifExists() && (d.kind() == Ddl.ObjectKind.TABLE
                || d.kind() == Ddl.ObjectKind.INDEX || d.kind() == Ddl.ObjectKind.TYPE)) {
            report(context, entry, d.command() + " " + d.name() + " has no IF EXISTS", GUARD, out);
        } else if (ddl instanceof Ddl.AlterTable at) {
            for (int i = 0; i < at.actions().size(); i++) {
                alterAction(context, entry, at, i).ifPresent(message -> report(context, entry, message, GUARD, out));
            }
        }
    }

    private static Optional<String> alterAction(LintContext context, LintContext.Entry entry, Ddl.AlterTable at,
                                                int index) {
        Ddl.Action a = at.actions().get(index);
        if (a instanceof Ddl.AddColumn add) {
            return add.ifNotExists() ? Optional.empty()
                    : Optional.of("ADD COLUMN " + add.column().name() + " has no IF NOT EXISTS");
        }
        if (a instanceof Ddl.DropColumn d) {
            return d.ifExists() ? Optional.empty() : Optional.of("DROP COLUMN " + d.column() + " has no IF EXISTS");
        }
        if (a instanceof Ddl.DropConstraint d) {
            return d.ifExists() ? Optional.empty() : Optional.of("DROP CONSTRAINT " + d.name() + " has no IF EXISTS");
        }
        if (a instanceof Ddl.AddConstraint add && add.constraint().name().filter(n ->
                droppedEarlier(context, entry, n)).isPresent()) {
            return Optional.empty(); // dropped IF EXISTS just before: re-runnable as a pair
        }
        if (idempotent(a)) {
            return Optional.empty(); // running it again changes nothing and does not fail
        }
        return Optional.of("ALTER TABLE " + at.table() + " " + a.describe() + " runs outside a transaction and has "
                + "no IF [NOT] EXISTS guard");
    }

    private static boolean droppedEarlier(LintContext context, LintContext.Entry entry, String name) {
        return context.before(entry).stream().anyMatch(e -> e.ddl() instanceof Ddl.AlterTable at
                && at.actions().stream().anyMatch(a -> a instanceof Ddl.DropConstraint d && d.name().equals(name)));
    }

    /** Actions that succeed again on a table they already changed. */
    private static boolean idempotent(Ddl.Action a) {
        if (a instanceof Ddl.OtherAction o) {
            return !NOT_IDEMPOTENT.contains(o.operation());
        }
        return a instanceof Ddl.ValidateConstraint || a instanceof Ddl.SetNotNull || a instanceof Ddl.DropNotNull
                || a instanceof Ddl.SetDefault || a instanceof Ddl.DropDefault || a instanceof Ddl.AlterColumnType;
    }

    private static void report(LintContext context, LintContext.Entry entry, String message, Fix fix,
                               List<Finding> out) {
        out.add(context.finding(INFO, entry, context.scriptObject())
                .message(message + ": the migration cannot be re-run if it fails part way")
                .fix(fix)
                .build());
    }
}
