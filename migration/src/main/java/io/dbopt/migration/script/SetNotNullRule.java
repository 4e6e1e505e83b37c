package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.Optional;

/** {@code ALTER COLUMN ... SET NOT NULL} on a large (or unknown-size) existing table. */
final class SetNotNullRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.postgres("migration.set-not-null", Severity.ERROR,
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock to prove there is no NULL; on a large "
                    + "table nothing can read or write it meanwhile",
            "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c (no exclusive lock); then "
                    + "SET NOT NULL, which PostgreSQL 12+ proves from the constraint without a scan; DROP the check");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry.statement())) {
            return;
        }
        Optional<Long> rows = context.estimatedRows(at.table());
        if (rows.isPresent() && rows.get() < context.largeTableRows()) {
            return;
        }
        for (Ddl.Action action : at.actions()) {
            if (action instanceof Ddl.SetNotNull set) {
                String table = context.quote(at.table());
                String check = context.quote(truncate(at.table().name() + "_" + set.column() + "_not_null"));
                String column = context.quote(set.column());
                Finding finding = context.finding(INFO, entry, DbObject.column(at.table().toString(), set.column()))
                        .message("SET NOT NULL on " + at.table() + "." + set.column() + " scans "
                                + rows.map(r -> "about " + r + " rows").orElse("a table of unknown size")
                                + " under an ACCESS EXCLUSIVE lock")
                        .fix(Fix.sql("prove NOT NULL with a validated check constraint first",
                                "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column
                                        + " IS NOT NULL) NOT VALID",
                                "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check,
                                "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL",
                                "ALTER TABLE " + table + " DROP CONSTRAINT " + check))
                        .build();
                // a known large table is an error; an unknown one may be small, so it is a warning
                out.add(rows.isPresent() ? finding : finding.withSeverity(Severity.WARNING));
            }
        }
    }

    static String truncate(String name) {
        return name.length() <= 63 ? name : name.substring(0, 63);
    }
}
