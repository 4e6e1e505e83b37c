package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Optional;

/** MariaDB {@code LOCK=SHARED} or {@code LOCK=EXCLUSIVE} on an existing table. */
final class BlockingLockOptionRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.mariaDb("migration.blocking-lock-option", Severity.ERROR,
            "LOCK=SHARED blocks writes and LOCK=EXCLUSIVE blocks reads and writes for the whole ALTER, even where "
                    + "the server could have done it online",
            "LOCK=NONE (with ALGORITHM=INPLACE or INSTANT), or leave LOCK out")
            .strongMigrations("lock_option");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        Optional<String> lock = Optional.empty();
        Ddl.Name table = null;
        if (entry.ddl() instanceof Ddl.AlterTable at) {
            lock = at.lock();
            table = at.table();
        } else if (entry.ddl() instanceof Ddl.CreateIndex ci) {
            lock = ci.lock();
            table = ci.table();
        }
        if (lock.filter(l -> l.equals("SHARED") || l.equals("EXCLUSIVE")).isEmpty()
                || context.isNewTable(table, entry)) {
            return;
        }
        out.add(context.finding(INFO, entry, context.tableObject(table))
                .message("LOCK=" + lock.get() + " blocks " + (lock.get().equals("SHARED") ? "writes to " : "reads and "
                        + "writes to ") + table + " for the whole statement")
                .fix(Fix.advice(INFO.safeAlternative()))
                .build());
    }
}
