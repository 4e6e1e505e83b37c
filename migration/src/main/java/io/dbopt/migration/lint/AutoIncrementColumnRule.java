package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;

/** {@code ADD COLUMN} of an identity, serial or AUTO_INCREMENT column to an existing table. */
final class AutoIncrementColumnRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.both("migration.auto-increment-column", Severity.ERROR,
            "an identity, serial or AUTO_INCREMENT column draws a value for every existing row: the whole table is "
                    + "rewritten (PostgreSQL, reads and writes blocked) or copied (MariaDB, writes blocked; with "
                    + "statement-based replication replicas may number the rows differently)",
            "add a nullable bigint column, attach a sequence default for new rows, backfill old rows in batches, "
                    + "then add the constraints")
            .squawk("adding-field-with-default").strongMigrations("add_column_auto_incrementing");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        for (ColumnDefinitions.Defined d : ColumnDefinitions.of(entry.ddl())) {
            if (d.added() && (d.column().identity() || d.column().autoIncrement())
                    && !context.isNewTable(d.table(), entry)) {
                out.add(context.finding(INFO, entry, d.offset(), DbObject.column(d.table().toString(),
                                d.column().name()))
                        .message("Auto-incrementing column " + d.table() + "." + d.column().name()
                                + " numbers every existing row, which rewrites the table while it is locked")
                        .fix(Fix.advice(INFO.safeAlternative()))
                        .build());
            }
        }
    }
}
