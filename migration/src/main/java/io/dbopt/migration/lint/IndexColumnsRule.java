package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** A non-unique index on more than three columns. */
final class IndexColumnsRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.both("migration.index-columns", Severity.INFO,
            "a non-unique index with more than three columns rarely helps more than its first columns do, and costs "
                    + "space and write time for every column",
            "start the index with the columns that narrow the rows down most, and stop at three")
            .strongMigrations("add_index_columns");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.CreateIndex ci && !ci.unique() && ci.columns().size() > 3) {
            report(context, entry, ci.name(), ci.columns().size(), out);
        } else if (entry.ddl() instanceof Ddl.AlterTable at) {
            for (Ddl.Action a : at.actions()) {
                if (a instanceof Ddl.AddIndex ai && !ai.index().unique() && ai.index().columns().size() > 3) {
                    report(context, entry, ai.index().name().orElse("(unnamed)"), ai.index().columns().size(), out);
                }
            }
        }
    }

    private static void report(LintContext context, LintContext.Entry entry, String name, int columns,
                               List<Finding> out) {
        out.add(context.finding(INFO, entry, DbObject.index(name))
                .message("Index " + name + " has " + columns + " columns; more than three rarely pays off")
                .evidence("columns", columns)
                .fix(Fix.advice(INFO.safeAlternative()))
                .build());
    }
}
