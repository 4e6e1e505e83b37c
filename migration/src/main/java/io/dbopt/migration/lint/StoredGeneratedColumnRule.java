package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** {@code ADD COLUMN ... GENERATED ALWAYS AS (...) STORED} on an existing table. */
final class StoredGeneratedColumnRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.both("migration.stored-generated-column", Severity.ERROR,
            "a stored generated column is computed and written for every existing row: the table is rewritten "
                    + "(PostgreSQL, under an ACCESS EXCLUSIVE lock) or copied (MariaDB, writes blocked)",
            "add a plain nullable column, fill it from a trigger for new rows and a batched backfill for old ones; "
                    + "or a virtual generated column where the server offers one")
            .squawk("adding-field-with-default").strongMigrations("add_column_generated_stored");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        for (ColumnDefinitions.Defined d : ColumnDefinitions.of(entry.ddl())) {
            if (d.added() && d.column().generation() == Ddl.Generation.STORED
                    && !context.isNewTable(d.table(), entry)) {
                out.add(context.finding(INFO, entry, d.offset(), DbObject.column(d.table().toString(),
                                d.column().name()))
                        .message("Stored generated column " + d.table() + "." + d.column().name()
                                + " is computed for every existing row, which rewrites the table while it is locked")
                        .fix(Fix.advice(INFO.safeAlternative()))
                        .build());
            }
        }
    }
}
