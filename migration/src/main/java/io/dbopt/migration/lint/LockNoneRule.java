package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.regex.Pattern;

/**
 * MariaDB ALTER / CREATE INDEX on an existing table without an explicit online algorithm and {@code LOCK=NONE},
 * unless every action is instant on the server's version (ADD COLUMN since 10.3, DROP COLUMN since 10.4, ...).
 */
final class LockNoneRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.mariaDb("migration.alter-without-lock-none", Severity.WARNING,
            "without explicit clauses MariaDB picks the algorithm and lock itself and may silently fall back to a "
                    + "table copy or to a lock that blocks writes",
            "append ALGORITHM=INPLACE, LOCK=NONE (or ALGORITHM=INSTANT): the server then does the change online or "
                    + "refuses with an error instead of blocking");
    private static final Pattern POSITION = Pattern.compile("(?i)\\b(FIRST|AFTER)\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        String sql = entry.statement().sql();
        if (entry.ddl() instanceof Ddl.AlterTable at && !context.isNewTable(at.table(), entry)
                && CopyingAlterRule.copyingReason(at).isEmpty() && !online(at.algorithm().orElse(""), at.lock().orElse(""))
                && at.actions().stream().noneMatch(a -> a instanceof Ddl.RenameTable)
                && !at.actions().stream().allMatch(a -> instant(context, sql, a))) {
            out.add(context.finding(INFO, entry, context.tableObject(at.table()))
                    .message("ALTER TABLE " + at.table() + " leaves the algorithm and lock to the server")
                    .fix(Fix.sql("ask for an online change explicitly", sql + ", ALGORITHM=INPLACE, LOCK=NONE"))
                    .build());
        } else if (entry.ddl() instanceof Ddl.CreateIndex ci && !context.isNewTable(ci.table(), entry)
                && !online(ci.algorithm().orElse(""), ci.lock().orElse(""))) {
            out.add(context.finding(INFO, entry, context.tableObject(ci.table()))
                    .message("CREATE INDEX " + ci.name() + " leaves the algorithm and lock to the server")
                    .fix(Fix.sql("ask for an online build explicitly", sql + " ALGORITHM=INPLACE LOCK=NONE"))
                    .build());
        }
    }

    /** Whether MariaDB of the configured version does the action instantly (a metadata change only). */
    private static boolean instant(LintContext context, String sql, Ddl.Action a) {
        LintSettings s = context.settings();
        if (a instanceof Ddl.SetDefault || a instanceof Ddl.DropDefault) {
            return true;
        }
        if (a instanceof Ddl.AddColumn add) {
            return !add.column().autoIncrement() && add.column().generation() != Ddl.Generation.STORED
                    && (s.atLeast(10, 4) || s.atLeast(10, 3) && !POSITION.matcher(sql).find());
        }
        if (a instanceof Ddl.DropColumn) {
            return s.atLeast(10, 4);
        }
        return a instanceof Ddl.RenameColumn && s.atLeast(10, 5);
    }

    private static boolean online(String algorithm, String lock) {
        return CopyingAlterRule.ONLINE.contains(algorithm) && (lock.equals("NONE") || algorithm.equals("INSTANT"));
    }
}
