package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** {@code ALTER TYPE ... ADD VALUE} without {@code BEFORE} or {@code AFTER}. */
final class EnumValueOrderRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.enum-value-order", Severity.WARNING,
            "ADD VALUE without BEFORE or AFTER appends the value at the end of the enum, and enums sort by "
                    + "declaration order: ORDER BY and comparisons on the column change meaning",
            "say where the value belongs: ADD VALUE 'x' BEFORE 'y' (or AFTER 'y')")
            .squawk("require-enum-value-ordering");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.AlterType t && t.operation().equals("ADD VALUE") && t.position().isEmpty()) {
            out.add(context.finding(INFO, entry, DbObject.of(ObjectType.OTHER, t.type().toString()))
                    .message("Enum " + t.type() + " gets '" + t.value().orElse("") + "' at the end of its order; "
                            + "say BEFORE or AFTER which value it sorts")
                    .fix(Fix.advice(INFO.safeAlternative()))
                    .build());
        }
    }
}
