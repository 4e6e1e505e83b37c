package io.dbopt.migration.script;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;

/** The first lock-taking statement of a script that never sets a lock timeout. */
final class MissingLockTimeoutRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.both("migration.missing-lock-timeout", Severity.WARNING,
            "a DDL statement waiting for its lock (behind one long transaction) blocks every later query on the "
                    + "table in the lock queue: a one-second ALTER turns into an outage",
            "SET lock_timeout = '5s' (PostgreSQL) or SET SESSION lock_wait_timeout = 5 (MariaDB) at the top of the "
                    + "script and retry on timeout; dbopt's MigrationFramework sets it for every migration");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!takesLock(context, entry) || context.lockTimeoutSetBefore(entry.statement())) {
            return;
        }
        boolean earlier = context.entries().stream().filter(e -> e.statement().index() < entry.statement().index())
                .anyMatch(e -> takesLock(context, e));
        if (earlier) {
            return;
        }
        String set = context.mariaDb() ? "SET SESSION lock_wait_timeout = 5" : "SET lock_timeout = '5s'";
        out.add(context.finding(INFO, entry, context.scriptObject())
                .message("The script takes table locks without a lock timeout; a blocked DDL queues every query "
                        + "behind it")
                .fix(Fix.sql("set a lock timeout at the top of the script", set))
                .build());
    }

    private static boolean takesLock(LintContext context, LintContext.Entry entry) {
        Ddl ddl = entry.ddl();
        if (ddl instanceof Ddl.AlterTable at) {
            return !context.isNewTable(at.table(), entry.statement());
        }
        if (ddl instanceof Ddl.CreateIndex ci) {
            return !ci.concurrently() && !context.isNewTable(ci.table(), entry.statement());
        }
        if (ddl instanceof Ddl.Drop d) {
            return !d.concurrently() && (d.kind() == Ddl.ObjectKind.TABLE || d.kind() == Ddl.ObjectKind.INDEX);
        }
        return ddl instanceof Ddl.RenameTables;
    }
}
