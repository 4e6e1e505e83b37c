package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.Optional;

/**
 * A CONCURRENTLY statement that would run inside a transaction block: after the script's own {@code BEGIN}, or,
 * when the runner wraps the file, next to other statements (Flyway refuses to mix them).
 */
final class ConcurrentlyInTransactionRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.concurrently-in-transaction", Severity.ERROR,
            "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION CONCURRENTLY cannot run "
                    + "inside a transaction block (SQLSTATE 25001); Flyway refuses a script that mixes one with any "
                    + "other statement, a SET included, and a runner holding a transaction-level lock makes the build "
                    + "wait for itself",
            "one CONCURRENTLY statement per migration file with nothing else in it; set the lock timeout in the "
                    + "runner (dbopt's MigrationFramework does) and let it run the file outside a transaction with a "
                    + "session-level lock")
            .squawk("ban-concurrent-index-creation-in-transaction");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        Optional<String> statement = NonTransactional.concurrently(entry.ddl());
        if (statement.isEmpty()) {
            return;
        }
        String why;
        if (entry.inTransaction()) {
            why = "runs inside the transaction the script opens with BEGIN, and fails";
        } else if (context.settings().transactions() == TransactionModel.PER_FILE && context.hasOtherStatements(
                e -> NonTransactional.refusedInTransaction(e.ddl()))) {
            why = "shares its script with other statements: Flyway refuses to run the mix (or, with mixed=true, "
                    + "runs all of them without a transaction)";
        } else {
            return;
        }
        out.add(context.finding(INFO, entry, DbObject.of(ObjectType.MIGRATION, context.script().name()))
                .message(statement.get() + " " + why)
                .fix(Fix.advice("move this statement into a migration file of its own"))
                .build());
    }
}
