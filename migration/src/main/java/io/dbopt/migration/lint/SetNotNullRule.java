package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.schema.ConstraintSchema;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ALTER COLUMN ... SET NOT NULL} on an existing table that is large or of unknown size, unless PostgreSQL 12+
 * can prove the column has no NULL from a validated {@code CHECK (col IS NOT NULL)}.
 */
final class SetNotNullRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.set-not-null", Severity.ERROR,
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock to prove there is no NULL; on a large "
                    + "table nothing can read or write it meanwhile",
            "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c in a later migration (no "
                    + "exclusive lock); then SET NOT NULL, which PostgreSQL 12+ proves from the constraint without a "
                    + "scan, and DROP the check")
            .squawk("adding-not-nullable-field").strongMigrations("change_column_null");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry)) {
            return;
        }
        Optional<Long> rows = context.estimatedRows(at.table());
        if (rows.isPresent() && rows.get() < context.settings().largeTableRows()) {
            return;
        }
        for (int i = 0; i < at.actions().size(); i++) {
            if (!(at.actions().get(i) instanceof Ddl.SetNotNull set)
                    || context.settings().atLeast(12, 0) && proven(context, entry, at.table(), set.column())) {
                continue;
            }
            String table = context.quote(at.table());
            String check = context.quote(truncate(at.table().name() + "_" + set.column() + "_not_null"));
            String column = context.quote(set.column());
            Finding finding = context.finding(INFO, entry, at.offsetOf(i), DbObject.column(at.table().toString(),
                            set.column()))
                    .message("SET NOT NULL on " + at.table() + "." + set.column() + " scans "
                            + rows.map(r -> "about " + r + " rows").orElse("a table of unknown size")
                            + " under an ACCESS EXCLUSIVE lock")
                    .fix(Fix.sql("prove NOT NULL with a check constraint validated in a later migration first",
                            "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column
                                    + " IS NOT NULL) NOT VALID",
                            "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check,
                            "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL",
                            "ALTER TABLE " + table + " DROP CONSTRAINT " + check))
                    .build();
            // a known large table is an error; an unknown one may be small, so it is a warning
            out.add(rows.isPresent() ? finding : finding.withSeverity(Severity.WARNING));
        }
    }

    /**
     * Whether a validated {@code CHECK (column IS NOT NULL)} proves the column: validated earlier in this script (the
     * constraint known from this script, an earlier one or the snapshot; or, like squawk, a constraint of this table
     * whose definition no source knows), or already validated in the snapshot.
     */
    private static boolean proven(LintContext context, LintContext.Entry entry, Ddl.Name table, String column) {
        for (LintContext.Entry e : context.before(entry)) {
            if (!(e.ddl() instanceof Ddl.AlterTable at) || !at.table().name().equals(table.name())) {
                continue;
            }
            for (Ddl.Action a : at.actions()) {
                if (a instanceof Ddl.ValidateConstraint v) {
                    Optional<String> expression = checkExpression(context, entry, table, v.name());
                    if (expression.isEmpty() || isNotNullCheck(expression.get(), column)) {
                        return true;
                    }
                }
            }
        }
        return context.table(table).map(t -> t.constraints().stream().anyMatch(c -> c.validated()
                && c.type() == ConstraintSchema.Type.CHECK
                && c.checkExpression().filter(x -> isNotNullCheck(x, column)).isPresent())).orElse(false);
    }

    /** The CHECK expression of the named constraint; "" when it is known to be something else; empty when unknown. */
    private static Optional<String> checkExpression(LintContext context, LintContext.Entry entry, Ddl.Name table,
                                                    String name) {
        for (LintContext.Entry e : context.before(entry)) {
            if (e.ddl() instanceof Ddl.AlterTable at) {
                for (Ddl.Action a : at.actions()) {
                    if (a instanceof Ddl.AddConstraint ac && ac.constraint().name().filter(name::equals).isPresent()) {
                        return Optional.of(ac.constraint().expression().orElse(""));
                    }
                }
            }
        }
        Optional<History.Constraint> earlier = context.history().constraint(name);
        if (earlier.isPresent()) {
            return Optional.of(earlier.get().spec().expression().orElse(""));
        }
        return context.table(table).flatMap(t -> t.constraints().stream().filter(c -> c.name().equals(name))
                .findFirst()).map(c -> c.checkExpression().orElse(""));
    }

    /** Whether a CHECK expression is exactly {@code column IS NOT NULL} (quotes and parentheses aside). */
    static boolean isNotNullCheck(String expression, String column) {
        String squashed = expression.replaceAll("[\\s()\"]", "").toLowerCase(Locale.ROOT);
        return squashed.equals(column.toLowerCase(Locale.ROOT) + "isnotnull");
    }

    static String truncate(String name) {
        return name.length() <= 63 ? name : name.substring(0, 63);
    }
}
