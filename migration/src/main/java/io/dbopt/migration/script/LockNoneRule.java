package io.dbopt.migration.script;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;

/** MariaDB ALTER / CREATE INDEX on an existing table without an explicit online algorithm and {@code LOCK=NONE}. */
final class LockNoneRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.mariaDb("migration.alter-without-lock-none", Severity.WARNING,
            "without explicit clauses MariaDB picks the algorithm and lock itself and may silently fall back to a "
                    + "table copy or to a lock that blocks writes",
            "append ALGORITHM=INPLACE, LOCK=NONE (or ALGORITHM=INSTANT): the server then does the change online or "
                    + "refuses with an error instead of blocking");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        String sql = entry.statement().sql();
        if (entry.ddl() instanceof Ddl.AlterTable at && !context.isNewTable(at.table(), entry.statement())
                && CopyingAlterRule.copyingReason(at).isEmpty() && !online(at.algorithm().orElse(""), at.lock().orElse(""))
                && at.actions().stream().noneMatch(a -> a instanceof Ddl.RenameTable)) {
            out.add(context.finding(INFO, entry, context.tableObject(at.table()))
                    .message("ALTER TABLE " + at.table() + " leaves the algorithm and lock to the server")
                    .fix(Fix.sql("ask for an online change explicitly", sql + ", ALGORITHM=INPLACE, LOCK=NONE"))
                    .build());
        } else if (entry.ddl() instanceof Ddl.CreateIndex ci && !context.isNewTable(ci.table(), entry.statement())
                && !online(ci.algorithm().orElse(""), ci.lock().orElse(""))) {
            out.add(context.finding(INFO, entry, context.tableObject(ci.table()))
                    .message("CREATE INDEX " + ci.name() + " leaves the algorithm and lock to the server")
                    .fix(Fix.sql("ask for an online build explicitly", sql + " ALGORITHM=INPLACE LOCK=NONE"))
                    .build());
        }
    }

    private static boolean online(String algorithm, String lock) {
        return CopyingAlterRule.ONLINE.contains(algorithm) && (lock.equals("NONE") || algorithm.equals("INSTANT"));
    }
}
