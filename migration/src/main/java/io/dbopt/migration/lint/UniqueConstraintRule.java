package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ADD UNIQUE} or {@code ADD PRIMARY KEY} (as a table constraint or inline in {@code ADD COLUMN}) that builds
 * its index under the table lock.
 */
final class UniqueConstraintRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.unique-constraint", Severity.ERROR,
            "ADD CONSTRAINT ... UNIQUE or PRIMARY KEY (and a column added UNIQUE or PRIMARY KEY) builds its index "
                    + "while holding an ACCESS EXCLUSIVE lock: nothing can read or write the table until the build "
                    + "ends; NOT VALID does not exist for these constraints",
            "CREATE UNIQUE INDEX CONCURRENTLY in one migration, then ADD CONSTRAINT ... UNIQUE USING INDEX "
                    + "(or PRIMARY KEY USING INDEX) in the next, which is instant")
            .squawk("disallowed-unique-constraint", "adding-serial-primary-key-field")
            .strongMigrations("add_unique_constraint");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry)) {
            return;
        }
        for (int i = 0; i < at.actions().size(); i++) {
            Ddl.Action action = at.actions().get(i);
            if (action instanceof Ddl.AddConstraint add && add.constraint().usingIndex().isEmpty()
                    && (add.constraint().kind() == Ddl.ConstraintKind.UNIQUE
                    || add.constraint().kind() == Ddl.ConstraintKind.PRIMARY_KEY)) {
                boolean unique = add.constraint().kind() == Ddl.ConstraintKind.UNIQUE;
                report(context, entry, at, at.offsetOf(i), unique, add.constraint().name().orElse(
                        defaultName(at.table(), add.constraint().columns(), unique)), add.constraint().columns(), out);
            } else if (action instanceof Ddl.AddColumn add && (add.column().unique() || add.column().primaryKey())) {
                boolean unique = !add.column().primaryKey();
                report(context, entry, at, at.offsetOf(i), unique, defaultName(at.table(),
                        List.of(add.column().name()), unique), List.of(add.column().name()), out);
            }
        }
    }

    private static String defaultName(Ddl.Name table, List<String> columns, boolean unique) {
        return SetNotNullRule.truncate(unique ? table.name() + "_" + String.join("_", columns) + "_key"
                : table.name() + "_pkey");
    }

    private static void report(LintContext context, LintContext.Entry entry, Ddl.AlterTable at, int offset,
                               boolean unique, String name, List<String> cols, List<Finding> out) {
        String kind = unique ? "UNIQUE" : "PRIMARY KEY";
        String table = context.quote(at.table());
        String columns = cols.stream().map(context::quote).collect(Collectors.joining(", "));
        out.add(context.finding(INFO, entry, offset, DbObject.of(ObjectType.CONSTRAINT, name))
                .message(kind + " constraint " + name + " on " + at.table()
                        + " builds its index under an ACCESS EXCLUSIVE lock")
                .fix(Fix.sql("build the index concurrently, then attach it as the constraint",
                        "CREATE UNIQUE INDEX CONCURRENTLY " + context.quote(name) + " ON " + table + " ("
                                + columns + ")",
                        "ALTER TABLE " + table + " ADD CONSTRAINT " + context.quote(name) + " " + kind
                                + " USING INDEX " + context.quote(name)))
                .build());
    }
}
