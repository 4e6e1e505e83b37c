package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.Optional;

/**
 * {@code ADD COLUMN ... DEFAULT} that rewrites an existing table: a default calling a volatile (or unknown) function,
 * or, before PostgreSQL 11, any default but NULL.
 */
final class VolatileDefaultRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.volatile-default", Severity.ERROR,
            "since PostgreSQL 11 a default evaluated once (a constant, now(), a stable function) is stored in the "
                    + "catalog, but a volatile one (random(), clock_timestamp(), gen_random_uuid(), nextval(), and any "
                    + "function not known to be stable) is computed per row, and before 11 every default is written "
                    + "into every row: the table is rewritten under an ACCESS EXCLUSIVE lock",
            "add the column without a default, SET DEFAULT in a second statement (it applies to new rows only), then "
                    + "backfill existing rows in batches")
            .squawk("adding-field-with-default").strongMigrations("add_column_default");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        for (ColumnDefinitions.Defined d : ColumnDefinitions.of(entry.ddl())) {
            Optional<String> expr = d.column().defaultExpr();
            if (!d.added() || expr.isEmpty() || context.isNewTable(d.table(), entry)) {
                continue;
            }
            String why;
            Optional<String> function = Volatility.volatileFunction(expr.get());
            if (function.isPresent()) {
                why = ": " + function.get() + "() is volatile or not known to be stable, so the default is computed "
                        + "for every row";
            } else if (!context.settings().atLeast(11, 0) && !expr.get().equalsIgnoreCase("null")) {
                why = ", which PostgreSQL " + context.settings().version() + " (before 11) writes into every row";
            } else {
                continue;
            }
            String table = context.quote(d.table());
            String column = context.quote(d.column().name());
            out.add(context.finding(INFO, entry, d.offset(), DbObject.column(d.table().toString(), d.column().name()))
                    .message("Column " + d.table() + "." + d.column().name() + " gets the default " + expr.get()
                            + why + " and the table is rewritten under an ACCESS EXCLUSIVE lock")
                    .fix(Fix.sql("add the column bare, default new rows, backfill old ones in batches",
                            "ALTER TABLE " + table + " ADD COLUMN " + column + " " + d.column().typeRef().sql(),
                            "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT " + expr.get()))
                    .build());
        }
    }
}
