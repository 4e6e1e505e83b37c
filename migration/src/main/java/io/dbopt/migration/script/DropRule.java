package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;

/** Dropping a column or a table: data loss, and breakage for code that still reads it. */
final class DropRule implements LintRule {

    static final RuleInfo COLUMN = RuleInfo.both("migration.drop-column", Severity.ERROR,
            "the data is gone for good, no generated undo can bring it back, and running instances that still "
                    + "select the column fail (ORMs that list every column fail on any query of the table)",
            "stop reading and writing the column in one release (ignore it in the ORM), drop it in a later one, "
                    + "with a hand-written undo script and a backup");
    static final RuleInfo TABLE = RuleInfo.both("migration.drop-table", Severity.ERROR,
            "the data is gone for good and running instances that still use the table fail",
            "stop using the table in one release, drop it in a later one; keep a backup or rename it first and "
                    + "drop the renamed table after a grace period");

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
        if (entry.ddl() instanceof Ddl.Drop drop && drop.kind() == Ddl.ObjectKind.TABLE
                && !context.isNewTable(drop.name(), entry.statement())) {
            out.add(context.finding(TABLE, entry, context.tableObject(drop.name()))
                    .message("Table " + drop.name() + " is dropped with its data")
                    .fix(Fix.advice(TABLE.safeAlternative()))
                    .build());
        }
        if (entry.ddl() instanceof Ddl.AlterTable at && !context.isNewTable(at.table(), entry.statement())) {
            for (Ddl.Action action : at.actions()) {
                if (action instanceof Ddl.DropColumn d) {
                    out.add(context.finding(COLUMN, entry, DbObject.column(at.table().toString(), d.column()))
                            .message("Column " + at.table() + "." + d.column() + " is dropped with its data")
                            .fix(Fix.advice(COLUMN.safeAlternative()))
                            .build());
                }
            }
        }
    }
}
