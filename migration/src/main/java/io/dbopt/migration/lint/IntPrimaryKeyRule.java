package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A 32-bit (or smaller) integer primary key. */
final class IntPrimaryKeyRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.both("migration.int-primary-key", Severity.WARNING,
            "a 32-bit key runs out at 2,147,483,647 ids; busy tables get there, and widening the key later rewrites "
                    + "the table and every referencing table",
            "bigint (PostgreSQL bigint identity, MariaDB BIGINT AUTO_INCREMENT) from the start")
            .squawk("prefer-bigint-over-int", "prefer-bigint-over-smallint");
    private static final Set<String> SMALL = Set.of("integer", "serial", "smallint", "smallserial", "mediumint",
            "tinyint");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** The columns a statement makes the single-column primary key of its table. */
    static List<String> primaryKeyColumns(Ddl ddl) {
        List<String> keys = new ArrayList<>();
        for (ColumnDefinitions.Defined d : ColumnDefinitions.of(ddl)) {
            if (d.column().primaryKey()) {
                keys.add(d.column().name());
            }
        }
        if (ddl instanceof Ddl.CreateTable ct) {
            ct.constraints().stream().filter(k -> k.kind() == Ddl.ConstraintKind.PRIMARY_KEY
                    && k.columns().size() == 1).forEach(k -> keys.add(k.columns().get(0)));
        }
        return keys;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        List<String> keys = primaryKeyColumns(entry.ddl());
        for (ColumnDefinitions.Defined d : ColumnDefinitions.of(entry.ddl())) {
            Ddl.ColumnSpec c = d.column();
            String base = ColumnDefinitions.canonical(c.type().replace(" unsigned", ""));
            if (keys.contains(c.name()) && SMALL.contains(base) && c.typeRef().arrayDims() == 0) {
                out.add(context.finding(INFO, entry, d.offset(), DbObject.column(d.table().toString(), c.name()))
                        .message("Primary key " + d.table() + "." + c.name() + " is " + c.typeRef().sql()
                                + " and overflows after " + (base.contains("small") || base.equals("tinyint")
                                ? "32,767 (or fewer)" : "about 2.1 billion") + " rows")
                        .fix(Fix.advice("declare the key bigint"))
                        .build());
            }
        }
    }
}
