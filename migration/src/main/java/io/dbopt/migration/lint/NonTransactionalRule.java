package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Optional;

/**
 * VACUUM, CREATE/DROP DATABASE, ALTER SYSTEM and the like inside a transaction block, or mixed with other statements
 * in a file the runner wraps; {@code ALTER TYPE ... ADD VALUE} inside a transaction before PostgreSQL 12.
 */
final class NonTransactionalRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.non-transactional-in-transaction", Severity.ERROR,
            "VACUUM, CREATE/DROP DATABASE, CREATE/DROP TABLESPACE, ALTER SYSTEM and subscriptions cannot run "
                    + "inside a transaction block (SQLSTATE 25001), nor can ALTER TYPE ... ADD VALUE before "
                    + "PostgreSQL 12; the migration fails when it reaches them",
            "a migration file of its own, run without a transaction (Flyway does that for a file holding only "
                    + "such statements)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        Optional<String> statement = NonTransactional.other(entry.ddl());
        if (statement.isEmpty() && entry.ddl() instanceof Ddl.AlterType t && t.operation().equals("ADD VALUE")
                && !context.settings().atLeast(12, 0) && entry.inTransaction()) {
            statement = Optional.of("ALTER TYPE ... ADD VALUE (before PostgreSQL 12)");
        }
        if (statement.isEmpty()) {
            return;
        }
        String why;
        if (entry.inTransaction()) {
            why = "runs inside a transaction block and fails";
        } else if (context.settings().transactions() == TransactionModel.PER_FILE && context.hasOtherStatements(
                e -> NonTransactional.refusedInTransaction(e.ddl()))) {
            why = "shares its script with other statements: Flyway refuses to run the mix";
        } else {
            return;
        }
        out.add(context.finding(INFO, entry, context.scriptObject())
                .message(statement.get() + " " + why)
                .fix(Fix.advice("move this statement into a migration file of its own"))
                .build());
    }
}
