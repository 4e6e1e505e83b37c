package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code ADD COLUMN ... DEFAULT <volatile function>} on an existing table. */
final class VolatileDefaultRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.postgres("migration.volatile-default", Severity.ERROR,
            "a constant default is stored once since PostgreSQL 11, but a volatile one (random(), clock_timestamp(), "
                    + "gen_random_uuid(), nextval()) must be computed per row: the table is rewritten under an "
                    + "ACCESS EXCLUSIVE lock",
            "add the column without a default, SET DEFAULT in a second statement (applies to new rows only), then "
                    + "backfill existing rows in batches");
    static final Pattern VOLATILE = Pattern.compile("\\b(random|clock_timestamp|timeofday|gen_random_uuid"
            + "|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|nextval|txid_current|setseed)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.AlterTable at) || context.isNewTable(at.table(), entry.statement())) {
            return;
        }
        for (Ddl.Action action : at.actions()) {
            if (action instanceof Ddl.AddColumn add && add.column().defaultExpr()
                    .filter(d -> VOLATILE.matcher(d.toLowerCase(Locale.ROOT)).find()).isPresent()) {
                String table = context.quote(at.table());
                String column = context.quote(add.column().name());
                out.add(context.finding(INFO, entry, DbObject.column(at.table().toString(), add.column().name()))
                        .message("Column " + add.column().name() + " gets the volatile default "
                                + add.column().defaultExpr().orElseThrow() + ", which rewrites " + at.table())
                        .fix(Fix.sql("add the column bare, default new rows, backfill old ones in batches",
                                "ALTER TABLE " + table + " ADD COLUMN " + column + " " + add.column().fullType(),
                                "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT "
                                        + add.column().defaultExpr().orElseThrow()))
                        .build());
            }
        }
    }
}
