package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;

/** {@code ADD COLUMN ... NOT NULL} with no default on an existing table. */
final class NotNullWithoutDefaultRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.both("migration.not-null-without-default", Severity.ERROR,
            "existing rows have no value for the new column: PostgreSQL fails the migration as soon as the table "
                    + "has a row, MariaDB silently fills in 0 or '' (or fails in strict mode)",
            "add the column nullable (or with a default), backfill it, then add NOT NULL in a later migration");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry.statement())) {
            return;
        }
        for (Ddl.Action action : at.actions()) {
            if (action instanceof Ddl.AddColumn add && add.column().notNull() && add.column().defaultExpr().isEmpty()
                    && !add.column().identity() && !add.column().autoIncrement()) {
                out.add(context.finding(INFO, entry, DbObject.column(at.table().toString(), add.column().name()))
                        .message("Column " + add.column().name() + " is added NOT NULL without a default to "
                                + at.table() + ", which has rows that cannot satisfy it")
                        .fix(Fix.advice("add it nullable or with a default, backfill, then set NOT NULL"))
                        .build());
            }
        }
    }
}
