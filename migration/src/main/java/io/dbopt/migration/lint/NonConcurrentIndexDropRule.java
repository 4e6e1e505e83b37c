package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** {@code DROP INDEX} without {@code CONCURRENTLY}, unless the index belongs to a table the script created. */
final class NonConcurrentIndexDropRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.non-concurrent-index-drop", Severity.ERROR,
            "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: nothing can read or write the table "
                    + "until the drop ends, and while it waits for the lock every later query queues behind it",
            "DROP INDEX CONCURRENTLY (one index per statement, alone in its migration: it cannot run inside a "
                    + "transaction)")
            .squawk("require-concurrent-index-deletion").strongMigrations("remove_index");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.Drop d) || d.kind() != Ddl.ObjectKind.INDEX || d.concurrently()) {
            return;
        }
        for (Ddl.Name index : d.names()) {
            if (createdOnNewTable(context, entry, index)) {
                continue;
            }
            out.add(context.finding(INFO, entry, DbObject.index(index.toString()))
                    .message("Index " + index + " is dropped without CONCURRENTLY, which locks its table against reads "
                            + "and writes")
                    .fix(Fix.sql("drop it concurrently, in a migration of its own", "DROP INDEX CONCURRENTLY "
                            + (d.ifExists() ? "IF EXISTS " : "") + context.quote(index)))
                    .build());
        }
    }

    /** Whether the script built the index on a table it created, so no one else can be using either. */
    private static boolean createdOnNewTable(LintContext context, LintContext.Entry entry, Ddl.Name index) {
        return context.before(entry).stream().anyMatch(e -> e.ddl() instanceof Ddl.CreateIndex ci
                && ci.name().equals(index.name()) && context.isNewTable(ci.table(), entry));
    }
}
