package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.ArrayList;
import java.util.List;

/**
 * A foreign key or check added to an existing table without {@code NOT VALID}, as a table constraint or inline in
 * {@code ADD COLUMN} (which cannot say NOT VALID). UNIQUE and PRIMARY KEY are {@link UniqueConstraintRule}'s:
 * PostgreSQL has no NOT VALID for them.
 */
final class ConstraintNotValidRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.constraint-not-valid", Severity.ERROR,
            "adding a foreign key or check validates every existing row while holding a lock that blocks writes "
                    + "(SHARE ROW EXCLUSIVE on both tables for a foreign key, ACCESS EXCLUSIVE for a check)",
            "ADD CONSTRAINT ... NOT VALID (instant, new rows are checked), then VALIDATE CONSTRAINT in a later "
                    + "migration, which takes only a SHARE UPDATE EXCLUSIVE lock")
            .squawk("constraint-missing-not-valid", "adding-foreign-key-constraint")
            .strongMigrations("add_foreign_key", "add_check_constraint", "add_reference");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry)) {
            return;
        }
        String table = context.quote(at.table());
        for (int i = 0; i < at.actions().size(); i++) {
            Ddl.Action action = at.actions().get(i);
            if (action instanceof Ddl.AddConstraint add && !add.notValid()
                    && (add.constraint().kind() == Ddl.ConstraintKind.FOREIGN_KEY
                    || add.constraint().kind() == Ddl.ConstraintKind.CHECK)) {
                String what = add.constraint().kind() == Ddl.ConstraintKind.CHECK ? "Check" : "Foreign key";
                String name = add.constraint().name().orElse("(unnamed)");
                List<String> fix = new ArrayList<>();
                fix.add("ALTER TABLE " + table + " " + LintContext.actionText(entry, at, i) + " NOT VALID");
                add.constraint().name().ifPresent(n -> fix.add("ALTER TABLE " + table + " VALIDATE CONSTRAINT "
                        + context.quote(n)));
                out.add(context.finding(INFO, entry, at.offsetOf(i), DbObject.of(ObjectType.CONSTRAINT, name))
                        .message(what + " " + name + " on " + at.table()
                                + " is validated against every existing row while writes wait")
                        .fix(new Fix("add it NOT VALID, validate it in a later migration", fix))
                        .build());
            } else if (action instanceof Ddl.AddColumn add && (add.column().references().isPresent()
                    || add.column().checkExpr().isPresent())) {
                inline(context, entry, at, at.offsetOf(i), add.column(), out);
            }
        }
    }

    private static void inline(LintContext context, LintContext.Entry entry, Ddl.AlterTable at, int offset,
                               Ddl.ColumnSpec c, List<Finding> out) {
        String table = context.quote(at.table());
        String column = context.quote(c.name());
        List<String> fix = new ArrayList<>();
        fix.add("ALTER TABLE " + table + " ADD COLUMN " + column + " " + c.typeRef().sql());
        c.references().ifPresent(ref -> fix.add("ALTER TABLE " + table + " ADD CONSTRAINT "
                + context.quote(SetNotNullRule.truncate(at.table().name() + "_" + c.name() + "_fkey"))
                + " FOREIGN KEY (" + column + ") REFERENCES " + context.quote(ref)
                + (c.referencedColumns().isEmpty() ? "" : " (" + String.join(", ", c.referencedColumns().stream()
                .map(context::quote).toList()) + ")") + " NOT VALID"));
        c.checkExpr().ifPresent(check -> fix.add("ALTER TABLE " + table + " ADD CONSTRAINT "
                + context.quote(SetNotNullRule.truncate(at.table().name() + "_" + c.name() + "_check"))
                + " CHECK (" + check + ") NOT VALID"));
        String what = c.references().isPresent() ? "a foreign key" : "a check";
        out.add(context.finding(INFO, entry, offset, DbObject.column(at.table().toString(), c.name()))
                .message("Column " + c.name() + " is added to " + at.table() + " with " + what + " written inline, "
                        + "which is validated at once while writes wait and cannot be NOT VALID")
                .fix(new Fix("add the column bare, then the constraint NOT VALID; validate it in a later migration",
                        fix))
                .build());
    }
}
