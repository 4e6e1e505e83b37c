package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** {@code ADD CONSTRAINT ... EXCLUDE} on an existing table. */
final class ExclusionConstraintRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.exclusion-constraint", Severity.ERROR,
            "an exclusion constraint builds its index and checks every row under an ACCESS EXCLUSIVE lock, and has "
                    + "neither NOT VALID nor USING INDEX to split the work",
            "add it to a new table, or in a quiet window with a short lock_timeout; enforce the rule in the "
                    + "application or with a trigger until then")
            .squawk("constraint-missing-not-valid").strongMigrations("add_exclusion_constraint");

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
            if (at.actions().get(i) instanceof Ddl.AddConstraint add
                    && add.constraint().kind() == Ddl.ConstraintKind.EXCLUDE) {
                String name = add.constraint().name().orElse("(unnamed)");
                out.add(context.finding(INFO, entry, at.offsetOf(i), DbObject.of(ObjectType.CONSTRAINT, name))
                        .message("Exclusion constraint " + name + " on " + at.table()
                                + " checks every row while reads and writes wait")
                        .fix(Fix.advice(INFO.safeAlternative()))
                        .build());
            }
        }
    }
}
