package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.stream.Collectors;

/** A foreign key whose columns lead no index, in the script or in the schema snapshot. */
final class ForeignKeyIndexRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.both("migration.foreign-key-without-index", Severity.WARNING,
            "every delete or key update on the referenced table looks up referencing rows: without an index that "
                    + "is a scan of the referencing table under lock; MariaDB creates a hidden index of its own, "
                    + "which then duplicates the one you add later",
            "create an index whose leading columns are the foreign key's columns, in the same migration");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.CreateTable ct) {
            for (Ddl.ColumnSpec c : ct.columns()) {
                if (c.references().isPresent()) {
                    check(context, entry, c.offset(), ct.table(), ct.table().name() + "_" + c.name() + "_fkey",
                            List.of(c.name()), out);
                }
            }
            for (Ddl.ConstraintSpec k : ct.constraints()) {
                if (k.kind() == Ddl.ConstraintKind.FOREIGN_KEY) {
                    check(context, entry, 0, ct.table(), k.name().orElse("(unnamed)"), k.columns(), out);
                }
            }
        } else if (entry.ddl() instanceof Ddl.AlterTable at) {
            for (int i = 0; i < at.actions().size(); i++) {
                Ddl.Action a = at.actions().get(i);
                if (a instanceof Ddl.AddConstraint add && add.constraint().kind() == Ddl.ConstraintKind.FOREIGN_KEY) {
                    check(context, entry, at.offsetOf(i), at.table(), add.constraint().name().orElse("(unnamed)"),
                            add.constraint().columns(), out);
                } else if (a instanceof Ddl.AddColumn add && add.column().references().isPresent()) {
                    check(context, entry, at.offsetOf(i), at.table(), at.table().name() + "_" + add.column().name()
                            + "_fkey", List.of(add.column().name()), out);
                }
            }
        }
    }

    private static void check(LintContext context, LintContext.Entry entry, int offset, Ddl.Name table, String name,
                              List<String> columns, List<Finding> out) {
        if (columns.isEmpty() || context.hasIndexLeadingWith(table, columns)) {
            return;
        }
        String index = SetNotNullRule.truncate(table.name() + "_" + String.join("_", columns) + "_idx");
        String cols = columns.stream().map(context::quote).collect(Collectors.joining(", "));
        String create = context.mariaDb()
                ? "CREATE INDEX " + context.quote(index) + " ON " + context.quote(table) + " (" + cols + ")"
                : "CREATE INDEX CONCURRENTLY " + context.quote(index) + " ON " + context.quote(table) + " (" + cols + ")";
        out.add(context.finding(INFO, entry, offset, DbObject.of(ObjectType.CONSTRAINT, name))
                .message("Foreign key " + name + " on " + table + " (" + String.join(", ", columns)
                        + ") has no index starting with its columns")
                .fix(Fix.sql("index the foreign key's columns", create))
                .build());
    }
}
