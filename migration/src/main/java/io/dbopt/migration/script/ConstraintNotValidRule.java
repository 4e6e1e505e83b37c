package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.util.ArrayList;
import java.util.List;

/** {@code ADD FOREIGN KEY} or {@code ADD CHECK} without {@code NOT VALID} on an existing table. */
final class ConstraintNotValidRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.postgres("migration.constraint-not-valid", Severity.ERROR,
            "adding a foreign key or check validates every existing row while holding a lock that blocks writes "
                    + "(SHARE ROW EXCLUSIVE on both tables for a foreign key)",
            "ADD CONSTRAINT ... NOT VALID (instant, new rows are checked), then VALIDATE CONSTRAINT in a later "
                    + "migration, which takes only a SHARE UPDATE EXCLUSIVE lock");

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
            if (action instanceof Ddl.AddConstraint add && !add.notValid()
                    && (add.constraint().kind() == Ddl.ConstraintKind.FOREIGN_KEY
                    || add.constraint().kind() == Ddl.ConstraintKind.CHECK)) {
                String what = add.constraint().kind() == Ddl.ConstraintKind.CHECK ? "Check" : "Foreign key";
                String name = add.constraint().name().orElse("(unnamed)");
                List<String> fix = new ArrayList<>();
                fix.add(entry.statement().sql() + " NOT VALID");
                add.constraint().name().ifPresent(n -> fix.add("ALTER TABLE " + context.quote(at.table())
                        + " VALIDATE CONSTRAINT " + context.quote(n)));
                out.add(context.finding(INFO, entry, DbObject.of(ObjectType.CONSTRAINT, name))
                        .message(what + " " + name + " on " + at.table()
                                + " is validated against every existing row while writes wait")
                        .fix(new Fix("add it NOT VALID, validate it in a later migration", fix))
                        .build());
            }
        }
    }
}
