package io.dbopt.migration.script;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A 32-bit (or smaller) integer primary key. */
final class IntPrimaryKeyRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.both("migration.int-primary-key", Severity.WARNING,
            "a 32-bit key runs out at 2,147,483,647 ids; busy tables get there, and widening the key later rewrites "
                    + "the table and every referencing table",
            "bigint (PostgreSQL bigint identity, MariaDB BIGINT AUTO_INCREMENT) from the start");
    private static final Set<String> SMALL = Set.of("int", "integer", "int4", "serial", "serial4", "smallint", "int2",
            "smallserial", "mediumint", "tinyint");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.CreateTable ct) {
            for (Ddl.ColumnSpec c : ct.columns()) {
                if (c.primaryKey()) {
                    report(context, entry, ct.table(), c, out);
                }
            }
            for (Ddl.ConstraintSpec k : ct.constraints()) {
                if (k.kind() == Ddl.ConstraintKind.PRIMARY_KEY && k.columns().size() == 1) {
                    Optional<Ddl.ColumnSpec> c = ct.columns().stream()
                            .filter(col -> col.name().equals(k.columns().get(0))).findFirst();
                    c.ifPresent(col -> report(context, entry, ct.table(), col, out));
                }
            }
        } else if (entry.ddl() instanceof Ddl.AlterTable at) {
            for (ColumnDefinitions.Defined d : ColumnDefinitions.of(at)) {
                if (d.column().primaryKey()) {
                    report(context, entry, at.table(), d.column(), out);
                }
            }
        }
    }

    private static void report(LintContext context, LintContext.Entry entry, Ddl.Name table, Ddl.ColumnSpec c,
                               List<Finding> out) {
        String base = c.type().replace(" unsigned", "");
        if (SMALL.contains(base)) {
            out.add(context.finding(INFO, entry, DbObject.column(table.toString(), c.name()))
                    .message("Primary key " + table + "." + c.name() + " is " + c.type()
                            + " and overflows after about 2.1 billion rows")
                    .fix(Fix.advice("declare the key bigint"))
                    .build());
        }
    }
}
