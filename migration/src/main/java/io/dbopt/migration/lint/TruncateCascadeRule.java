package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.stream.Collectors;

/** {@code TRUNCATE ... CASCADE}. */
final class TruncateCascadeRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.truncate-cascade", Severity.ERROR,
            "CASCADE also empties every table with a foreign key to the truncated ones, and the tables referencing "
                    + "those, recursively: with a <- b <- c, truncating a empties b and c",
            "name every table to empty in the TRUNCATE and leave out CASCADE, so that a forgotten reference fails "
                    + "instead of deleting data")
            .squawk("ban-truncate-cascade");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.DataChange dc && dc.verb().equals("TRUNCATE") && dc.cascade()) {
            String tables = dc.tables().stream().map(Ddl.Name::toString).collect(Collectors.joining(", "));
            out.add(context.finding(INFO, entry, context.tableObject(dc.tables().get(0)))
                    .message("TRUNCATE " + tables + " CASCADE also empties every table that references them, "
                            + "recursively")
                    .fix(Fix.sql("truncate exactly the tables meant, without CASCADE", "TRUNCATE "
                            + dc.tables().stream().map(context::quote).collect(Collectors.joining(", "))))
                    .build());
        }
    }
}
