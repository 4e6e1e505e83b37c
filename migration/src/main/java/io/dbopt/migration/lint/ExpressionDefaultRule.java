package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** MariaDB expression defaults such as {@code DEFAULT (UUID())}. */
final class ExpressionDefaultRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.mariaDb("migration.expression-default", Severity.WARNING,
            "an expression default is evaluated per row: adding such a column copies the table to fill it, and "
                    + "non-deterministic expressions (UUID(), RAND()) are unsafe for statement-based replication",
            "add the column without a default and fill it from the application or a batched backfill; "
                    + "CURRENT_TIMESTAMP and constants are fine")
            .strongMigrations("add_column_default");
    private static final Pattern ALLOWED = Pattern.compile("(current_timestamp|now|localtime|localtimestamp)"
            + "(\\s*\\(\\s*\\d*\\s*\\))?");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        for (ColumnDefinitions.Defined d : ColumnDefinitions.of(entry.ddl())) {
            d.column().defaultExpr().ifPresent(expr -> {
                String e = expr.strip().toLowerCase(Locale.ROOT);
                boolean expression = e.startsWith("(") || e.contains("(");
                if (expression && !ALLOWED.matcher(e.replaceAll("^\\(|\\)$", "")).matches()) {
                    out.add(context.finding(INFO, entry, DbObject.column(d.table().toString(), d.column().name()))
                            .message("Column " + d.table() + "." + d.column().name() + " defaults to the expression "
                                    + expr)
                            .fix(Fix.advice("drop the expression default and fill the column from the application"))
                            .build());
                }
            });
        }
    }
}
