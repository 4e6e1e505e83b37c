package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;

/** Renaming a column or a table that running code still uses. */
final class RenameRule implements LintRule {

    static final RuleInfo COLUMN = RuleInfo.both("migration.rename-column", Severity.WARNING,
            "application instances still running the previous release query the old name and fail from the moment "
                    + "the migration commits until they are all replaced",
            "add the new column, write to both, backfill, switch reads, then drop the old column; or keep the old "
                    + "name and map it in the application");
    static final RuleInfo TABLE = RuleInfo.both("migration.rename-table", Severity.WARNING,
            "running instances of the previous release query the old table name and fail at once",
            "create the new table (or rename and leave an updatable view with the old name) and move the code "
                    + "over before removing the old name");

    @Override
    public RuleInfo info() {
        return COLUMN;
    }

    @Override
    public List<RuleInfo> infos() {
        return List.of(COLUMN, TABLE);
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.RenameTables rename) {
            for (int i = 0; i < rename.from().size(); i++) {
                table(context, entry, rename.from().get(i), rename.to().get(i), out);
            }
            return;
        }
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry.statement())) {
            return;
        }
        for (Ddl.Action action : at.actions()) {
            if (action instanceof Ddl.RenameColumn r) {
                column(context, entry, at.table(), r.from(), r.to(), out);
            } else if (action instanceof Ddl.ChangeColumn c && !c.oldName().equals(c.column().name())) {
                column(context, entry, at.table(), c.oldName(), c.column().name(), out);
            } else if (action instanceof Ddl.RenameTable r) {
                table(context, entry, at.table(), r.to(), out);
            }
        }
    }

    private static void column(LintContext context, LintContext.Entry entry, Ddl.Name table, String from, String to,
                               List<Finding> out) {
        out.add(context.finding(COLUMN, entry, DbObject.column(table.toString(), from))
                .message("Column " + table + "." + from + " is renamed to " + to
                        + "; code still using the old name breaks during the deploy")
                .fix(Fix.advice(COLUMN.safeAlternative()))
                .build());
    }

    private static void table(LintContext context, LintContext.Entry entry, Ddl.Name from, Ddl.Name to,
                              List<Finding> out) {
        if (context.isNewTable(from, entry.statement())) {
            return;
        }
        out.add(context.finding(TABLE, entry, context.tableObject(from))
                .message("Table " + from + " is renamed to " + to + "; code still using the old name breaks")
                .fix(Fix.advice(TABLE.safeAlternative()))
                .build());
    }
}
