package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** {@code ALTER TABLE ... DETACH PARTITION} without {@code CONCURRENTLY}. */
final class DetachPartitionRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.non-concurrent-detach-partition", Severity.ERROR,
            "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table: no query on any partition "
                    + "can run until it ends",
            "DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+), alone in its migration; if it is interrupted, "
                    + "finish it with DETACH PARTITION ... FINALIZE")
            .squawk("require-concurrent-partition-detach");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry)) {
            return;
        }
        for (int i = 0; i < at.actions().size(); i++) {
            if (at.actions().get(i) instanceof Ddl.DetachPartition d && d.option().isEmpty()) {
                Fix fix = context.settings().atLeast(14, 0)
                        ? Fix.sql("detach concurrently, in a migration of its own", "ALTER TABLE "
                                + context.quote(at.table()) + " DETACH PARTITION " + context.quote(d.partition())
                                + " CONCURRENTLY")
                        : Fix.advice("PostgreSQL " + context.settings().version() + " has no DETACH CONCURRENTLY: "
                                + "detach in a quiet window with a short lock_timeout and retry");
                out.add(context.finding(INFO, entry, at.offsetOf(i), context.tableObject(at.table()))
                        .message("Partition " + d.partition() + " is detached from " + at.table()
                                + " without CONCURRENTLY, which locks the whole partitioned table")
                        .fix(fix)
                        .build());
            }
        }
    }
}
