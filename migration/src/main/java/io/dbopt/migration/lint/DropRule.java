package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** Dropping a column, a table or a database: data loss, and breakage for code that still reads it. */
final class DropRule implements LintRule {

    static final RuleInfo COLUMN = RuleInfo.both("migration.drop-column", Severity.ERROR,
            "the data is gone for good, no generated undo can bring it back, and running instances that still "
                    + "select the column fail (ORMs that list every column fail on any query of the table)",
            "stop reading and writing the column in one release (ignore it in the ORM), drop it in a later one, "
                    + "with a hand-written undo script and a backup")
            .squawk("ban-drop-column").strongMigrations("remove_column");
    static final RuleInfo TABLE = RuleInfo.both("migration.drop-table", Severity.ERROR,
            "the data is gone for good and running instances that still use the table fail",
            "stop using the table in one release, drop it in a later one; keep a backup or rename it first and "
                    + "drop the renamed table after a grace period")
            .squawk("ban-drop-table");
    static final RuleInfo DATABASE = RuleInfo.both("migration.drop-database", Severity.CRITICAL,
            "a migration that drops a database destroys every table in it and breaks every client at once; it is "
                    + "almost always a script run against the wrong server",
            "drop databases by hand, after a backup, never from a migration")
            .squawk("ban-drop-database");

    @Override
    public RuleInfo info() {
        return COLUMN;
    }

    @Override
    public List<RuleInfo> infos() {
        return List.of(COLUMN, TABLE, DATABASE);
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.Drop drop && drop.kind() == Ddl.ObjectKind.DATABASE) {
            out.add(context.finding(DATABASE, entry, DbObject.of(ObjectType.DATABASE, drop.name().name()))
                    .message("Database " + drop.name() + " is dropped with everything in it")
                    .fix(Fix.advice(DATABASE.safeAlternative()))
                    .build());
        } else if (entry.ddl() instanceof Ddl.Drop drop && drop.kind() == Ddl.ObjectKind.TABLE) {
            for (Ddl.Name table : drop.names()) {
                if (!context.isNewTable(table, entry)) {
                    out.add(context.finding(TABLE, entry, context.tableObject(table))
                            .message("Table " + table + " is dropped with its data")
                            .fix(Fix.advice(TABLE.safeAlternative()))
                            .build());
                }
            }
        } else if (entry.ddl() instanceof Ddl.AlterTable at && !context.isNewTable(at.table(), entry)) {
            for (int i = 0; i < at.actions().size(); i++) {
                if (at.actions().get(i) instanceof Ddl.DropColumn d) {
                    out.add(context.finding(COLUMN, entry, at.offsetOf(i), DbObject.column(at.table().toString(),
                                    d.column()))
                            .message("Column " + at.table() + "." + d.column() + " is dropped with its data")
                            .fix(Fix.advice(COLUMN.safeAlternative()))
                            .build());
                }
            }
        }
    }
}
