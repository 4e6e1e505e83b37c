package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.stream.Collectors;

/** {@code ADD UNIQUE} or {@code ADD PRIMARY KEY} that builds its index under the table lock. */
final class UniqueConstraintRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.postgres("migration.unique-constraint", Severity.ERROR,
            "ADD CONSTRAINT ... UNIQUE or PRIMARY KEY builds its index while holding an ACCESS EXCLUSIVE lock: "
                    + "nothing can read or write the table until the build ends",
            "CREATE UNIQUE INDEX CONCURRENTLY in one migration, then ADD CONSTRAINT ... UNIQUE USING INDEX "
                    + "(or PRIMARY KEY USING INDEX) in the next, which is instant");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry.statement())) {
            return;
        }
        for (Ddl.Action action : at.actions()) {
            if (action instanceof Ddl.AddConstraint add && add.constraint().usingIndex().isEmpty()
                    && (add.constraint().kind() == Ddl.ConstraintKind.UNIQUE
                    || add.constraint().kind() == Ddl.ConstraintKind.PRIMARY_KEY)) {
                String kind = add.constraint().kind() == Ddl.ConstraintKind.UNIQUE ? "UNIQUE" : "PRIMARY KEY";
                String name = add.constraint().name().orElse(at.table().name() + "_"
                        + String.join("_", add.constraint().columns()) + "_key");
                String table = context.quote(at.table());
                String columns = add.constraint().columns().stream().map(context::quote)
                        .collect(Collectors.joining(", "));
                out.add(context.finding(INFO, entry, DbObject.of(ObjectType.CONSTRAINT, name))
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
    }
}
