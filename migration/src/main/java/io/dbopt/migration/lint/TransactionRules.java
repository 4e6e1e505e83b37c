package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** Transactions the script opens and never ends, or opens inside another, or ends when none is open. */
final class TransactionRules implements LintRule {

    static final RuleInfo UNCOMMITTED = RuleInfo.postgres("migration.uncommitted-transaction", Severity.ERROR,
            "a BEGIN with no COMMIT or ROLLBACK after it leaves the transaction to whatever the runner does next: "
                    + "psql rolls it back at exit, a pooled connection carries it (and its locks) to the next user",
            "end every transaction the script opens: COMMIT (or ROLLBACK) at the end")
            .squawk("ban-uncommitted-transaction");
    static final RuleInfo NESTING = RuleInfo.postgres("migration.transaction-nesting", Severity.ERROR,
            "PostgreSQL has no nested transactions: a BEGIN inside a transaction is ignored with a warning, and the "
                    + "first COMMIT ends the runner's transaction early, so the rest of the script runs in "
                    + "autocommit, and a COMMIT with no transaction open does nothing",
            "leave transaction control to the runner (one file, one transaction), or run the script without one "
                    + "and write BEGIN/COMMIT pairs that do not overlap")
            .squawk("transaction-nesting");

    @Override
    public RuleInfo info() {
        return UNCOMMITTED;
    }

    @Override
    public List<RuleInfo> infos() {
        return List.of(UNCOMMITTED, NESTING);
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.TransactionControl tc)) {
            return;
        }
        boolean runner = context.runnerTransaction();
        if (tc.begin() && (entry.inTransaction() || runner)) {
            out.add(context.finding(NESTING, entry, context.scriptObject())
                    .message(runner ? "BEGIN inside the transaction the runner opens for the file: it is ignored, and "
                            + "the matching COMMIT ends the runner's transaction early"
                            : "BEGIN inside the transaction opened earlier in the script: it is ignored")
                    .fix(Fix.advice(NESTING.safeAlternative()))
                    .build());
        } else if (!tc.begin() && (runner || !entry.inTransaction())) {
            out.add(context.finding(NESTING, entry, context.scriptObject())
                    .message(runner ? entry.statement().keyword() + " ends the transaction the runner opened for the "
                            + "file; the statements after it run in autocommit"
                            : entry.statement().keyword() + " with no transaction open does nothing")
                    .fix(Fix.advice(NESTING.safeAlternative()))
                    .build());
        }
        if (tc.begin() && context.entries().stream().skip(entry.index()).noneMatch(e ->
                e.ddl() instanceof Ddl.TransactionControl later && !later.begin())) {
            out.add(context.finding(UNCOMMITTED, entry, context.scriptObject())
                    .message("The transaction opened here is never committed or rolled back")
                    .fix(Fix.sql("end it at the end of the script", "COMMIT"))
                    .build());
        }
    }
}
