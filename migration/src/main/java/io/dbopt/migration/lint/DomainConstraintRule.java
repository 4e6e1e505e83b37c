package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** A domain created with constraints, or given a constraint (or NOT NULL) later. */
final class DomainConstraintRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.domain-constraint", Severity.WARNING,
            "a domain's constraint is checked against every column of every table that uses the domain, under "
                    + "locks on all of them, and changing it later means the same again; NOT VALID only defers the "
                    + "check of existing rows",
            "a plain type with CHECK constraints on the columns, which can be added NOT VALID and validated per "
                    + "table")
            .squawk("ban-create-domain-with-constraint", "ban-alter-domain-with-add-constraint");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.CreateDomain d && d.constraints() > 0) {
            out.add(context.finding(INFO, entry, DbObject.of(ObjectType.OTHER, d.domain().toString()))
                    .message("Domain " + d.domain() + " is created with " + d.constraints() + " constraint"
                            + (d.constraints() > 1 ? "s" : "") + ", which every change has to recheck on every "
                            + "column using it")
                    .fix(Fix.advice(INFO.safeAlternative()))
                    .build());
        } else if (entry.ddl() instanceof Ddl.AlterDomain d && (d.operation().equals("ADD CONSTRAINT")
                || d.operation().equals("SET NOT NULL"))) {
            out.add(context.finding(INFO, entry, DbObject.of(ObjectType.OTHER, d.domain().toString()))
                    .message("ALTER DOMAIN " + d.domain() + " " + d.operation() + " checks every column using the "
                            + "domain while their tables are locked")
                    .fix(Fix.advice(INFO.safeAlternative()))
                    .build());
        }
    }
}
