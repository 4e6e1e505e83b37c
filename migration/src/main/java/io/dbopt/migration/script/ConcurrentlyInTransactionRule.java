package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;

/** {@code CONCURRENTLY} in a script that also does other work, so it would run inside a transaction. */
final class ConcurrentlyInTransactionRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.postgres("migration.concurrently-in-transaction", Severity.ERROR,
            "CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block (SQLSTATE 25001); Flyway runs a "
                    + "script with other statements in one transaction or refuses to mix them, and a runner holding "
                    + "a transaction-level lock makes the build wait for itself",
            "one CONCURRENTLY statement per migration file, with nothing else but SET statements; dbopt's "
                    + "MigrationFramework then runs it outside a transaction with a session-level lock");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        String name;
        if (entry.ddl() instanceof Ddl.CreateIndex ci && ci.concurrently()) {
            name = ci.name();
        } else if (entry.ddl() instanceof Ddl.Drop d && d.concurrently()) {
            name = d.name().name();
        } else {
            return;
        }
        if (context.hasOtherStatements(entry.statement()) || context.opensTransaction()) {
            out.add(context.finding(INFO, entry, DbObject.index(name))
                    .message("CONCURRENTLY on " + name + " shares its script with other statements, so it would run "
                            + "inside a transaction and fail or hang")
                    .fix(Fix.advice("move this statement into a migration file of its own"))
                    .build());
        }
    }
}
