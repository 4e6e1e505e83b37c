package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** {@code ADD COLUMN ... NOT NULL} (or PRIMARY KEY) with no default on a table that may have rows. */
final class NotNullWithoutDefaultRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.both("migration.not-null-without-default", Severity.ERROR,
            "existing rows have no value for the new column: PostgreSQL fails the migration as soon as the table "
                    + "has a row, MariaDB silently fills in 0 or '' (or fails in strict mode); and every running "
                    + "instance that inserts without the column fails from then on",
            "add the column nullable (or with a constant default), backfill it, then add NOT NULL in a later "
                    + "migration")
            .squawk("adding-required-field");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        for (ColumnDefinitions.Defined d : ColumnDefinitions.of(entry.ddl())) {
            Ddl.ColumnSpec c = d.column();
            if (d.added() && c.notNull() && c.defaultExpr().isEmpty() && c.generation() == Ddl.Generation.NONE
                    && !c.identity() && !c.autoIncrement() && !context.isNewEmptyTable(d.table(), entry)) {
                out.add(context.finding(INFO, entry, d.offset(), DbObject.column(d.table().toString(), c.name()))
                        .message("Column " + c.name() + " is added NOT NULL without a default to " + d.table()
                                + ", whose existing rows cannot satisfy it")
                        .fix(Fix.sql("add it nullable, backfill, then set NOT NULL in a later migration",
                                "ALTER TABLE " + context.quote(d.table()) + " ADD COLUMN " + context.quote(c.name())
                                        + " " + c.typeRef().sql()))
                        .build());
            }
        }
    }
}
