package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Optional;

/**
 * {@code VALIDATE CONSTRAINT} in a transaction that already holds a lock blocking writes on an existing table, e.g.
 * right after the {@code ADD CONSTRAINT ... NOT VALID} it validates: the scan then runs while that lock is held.
 */
final class ValidateInTransactionRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.validate-in-same-transaction", Severity.ERROR,
            "VALIDATE CONSTRAINT itself takes only a SHARE UPDATE EXCLUSIVE lock, but in the transaction that added "
                    + "the constraint (or took any other lock that blocks writes) the earlier lock is held until "
                    + "commit, so writes wait for the whole validation scan",
            "commit after ADD CONSTRAINT ... NOT VALID and validate in a separate transaction: a later migration, "
                    + "or a script run without a transaction")
            .squawk("constraint-missing-not-valid").strongMigrations("validate_foreign_key", "validate_check_constraint");

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
            if (!(at.actions().get(i) instanceof Ddl.ValidateConstraint v)) {
                continue;
            }
            Optional<LintContext.Entry> holder = context.blockingLockHeldAt(entry);
            if (holder.isEmpty()) {
                continue;
            }
            String what = holder.get().ddl() instanceof Ddl.AlterTable earlier && earlier.actions().stream()
                    .anyMatch(a -> a instanceof Ddl.AddConstraint ac && ac.notValid()
                            && ac.constraint().name().filter(v.name()::equals).isPresent())
                    ? "the ADD CONSTRAINT ... NOT VALID" : "the " + holder.get().ddl().command();
            out.add(context.finding(INFO, entry, at.offsetOf(i), DbObject.of(ObjectType.CONSTRAINT, v.name()))
                    .message("Constraint " + v.name() + " is validated in the same transaction as " + what
                            + " of statement " + holder.get().index() + ", whose lock blocks writes for the whole scan")
                    .fix(Fix.sql("validate in a later migration", "ALTER TABLE " + context.quote(at.table())
                            + " VALIDATE CONSTRAINT " + context.quote(v.name())))
                    .build());
        }
    }
}
