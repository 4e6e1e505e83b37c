package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** Renaming a column, a table, a schema or an enum value that running code still uses. */
final class RenameRule implements LintRule {

    static final RuleInfo COLUMN = RuleInfo.both("migration.rename-column", Severity.WARNING,
            "application instances still running the previous release query the old name and fail from the moment "
                    + "the migration commits until they are all replaced",
            "add the new column, write to both, backfill, switch reads, then drop the old column; or keep the old "
                    + "name and map it in the application")
            .squawk("renaming-column").strongMigrations("rename_column");
    static final RuleInfo TABLE = RuleInfo.both("migration.rename-table", Severity.WARNING,
            "running instances of the previous release query the old table name and fail at once",
            "create the new table (or rename and leave an updatable view with the old name) and move the code "
                    + "over before removing the old name")
            .squawk("renaming-table").strongMigrations("rename_table");
    static final RuleInfo SCHEMA = RuleInfo.postgres("migration.rename-schema", Severity.WARNING,
            "every query of the running release that names the schema, and every search_path that lists it, "
                    + "breaks at once",
            "create the new schema, write to both, backfill, move reads, stop writing to the old one, then drop it")
            .strongMigrations("rename_schema");
    static final RuleInfo ENUM_VALUE = RuleInfo.postgres("migration.rename-enum-value", Severity.WARNING,
            "code of the running release that writes or compares the old value fails or silently matches nothing",
            "ADD VALUE the new value next to the old one, make the code accept both and write the new one, backfill, "
                    + "then stop using the old value (PostgreSQL cannot drop an enum value)")
            .strongMigrations("rename_enum_value");

    @Override
    public RuleInfo info() {
        return COLUMN;
    }

    @Override
    public List<RuleInfo> infos() {
        return List.of(COLUMN, TABLE, SCHEMA, ENUM_VALUE);
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        Ddl ddl = entry.ddl();
        if (ddl instanceof Ddl.RenameTables rename) {
            for (int i = 0; i < rename.from().size(); i++) {
                table(context, entry, 0, rename.from().get(i), rename.to().get(i), out);
            }
        } else if (ddl instanceof Ddl.RenameSchema r && !context.mariaDb()) {
            out.add(context.finding(SCHEMA, entry, DbObject.of(ObjectType.SCHEMA, r.from()))
                    .message("Schema " + r.from() + " is renamed to " + r.to() + "; queries naming it break at once")
                    .fix(Fix.advice(SCHEMA.safeAlternative())).build());
        } else if (ddl instanceof Ddl.AlterType t && t.operation().equals("RENAME VALUE")) {
            out.add(context.finding(ENUM_VALUE, entry, DbObject.of(ObjectType.OTHER, t.type().toString()))
                    .message("Enum " + t.type() + " renames value '" + t.value().orElse("") + "' to '"
                            + t.newValue().orElse("") + "'; code using the old value breaks")
                    .fix(Fix.sql("add the new value instead, next to the old one", "ALTER TYPE "
                            + context.quote(t.type()) + " ADD VALUE IF NOT EXISTS '"
                            + t.newValue().orElse("").replace("'", "''") + "' AFTER '"
                            + t.value().orElse("").replace("'", "''") + "'"))
                    .build());
        } else if (ddl instanceof Ddl.AlterTable at && !context.isNewTable(at.table(), entry)) {
            for (int i = 0; i < at.actions().size(); i++) {
                Ddl.Action action = at.actions().get(i);
                if (action instanceof Ddl.RenameColumn r) {
                    column(context, entry, at.offsetOf(i), at.table(), r.from(), r.to(), out);
                } else if (action instanceof Ddl.ChangeColumn c && !c.oldName().equals(c.column().name())) {
                    column(context, entry, at.offsetOf(i), at.table(), c.oldName(), c.column().name(), out);
                } else if (action instanceof Ddl.RenameTable r) {
                    table(context, entry, at.offsetOf(i), at.table(), r.to(), out);
                }
            }
        }
    }

    private static void column(LintContext context, LintContext.Entry entry, int offset, Ddl.Name table, String from,
                               String to, List<Finding> out) {
        out.add(context.finding(COLUMN, entry, offset, DbObject.column(table.toString(), from))
                .message("Column " + table + "." + from + " is renamed to " + to
                        + "; code still using the old name breaks during the deploy")
                .fix(Fix.advice(COLUMN.safeAlternative()))
                .build());
    }

    private static void table(LintContext context, LintContext.Entry entry, int offset, Ddl.Name from, Ddl.Name to,
                              List<Finding> out) {
        if (context.isNewTable(from, entry)) {
            return;
        }
        out.add(context.finding(TABLE, entry, offset, context.tableObject(from))
                .message("Table " + from + " is renamed to " + to + "; code still using the old name breaks")
                .fix(Fix.advice(TABLE.safeAlternative()))
                .build());
    }
}
