package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** {@code ALTER COLUMN ... DROP NOT NULL} on an existing table. */
final class DropNotNullRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.drop-not-null", Severity.WARNING,
            "code of the running release (and readers such as reports and other services) assumes the column is "
                    + "never NULL; once the constraint is gone, NULLs written by the new release break them",
            "make every reader handle NULL first, release that, then drop NOT NULL; or keep the column NOT NULL "
                    + "and write a sentinel value")
            .squawk("ban-drop-not-null");

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
            if (at.actions().get(i) instanceof Ddl.DropNotNull d) {
                out.add(context.finding(INFO, entry, at.offsetOf(i), DbObject.column(at.table().toString(),
                                d.column()))
                        .message("NOT NULL is dropped from " + at.table() + "." + d.column()
                                + "; readers that assume a value may break")
                        .fix(Fix.advice(INFO.safeAlternative()))
                        .build());
            }
        }
    }
}
