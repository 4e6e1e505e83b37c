package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same column assigned twice in one UPDATE's SET or one INSERT's column list, or defined twice in CREATE TABLE
 * or a view's column list ({@code a[1]} and {@code a.f} assignments to parts of a column may repeat).
 */
final class DuplicateAssignmentRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.both("migration.duplicate-column-assignment", Severity.ERROR,
            "the server rejects a column named twice (\"multiple assignments to same column\", \"column specified "
                    + "more than once\"), and where one of them was meant for another column the intent is lost",
            "name each column once; keep the assignment that was meant")
            .squawk("ban-duplicate-column-assignments");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        Ddl ddl = entry.ddl();
        List<String> names = new ArrayList<>();
        Ddl.Name table;
        if (ddl instanceof Ddl.DataChange dc && dc.table().isPresent()) {
            names.addAll(dc.assignedColumns());
            table = dc.table().get();
        } else if (ddl instanceof Ddl.CreateTable ct) {
            ct.columns().forEach(c -> names.add(c.name()));
            table = ct.table();
        } else if (ddl instanceof Ddl.CreateView v) {
            names.addAll(v.columns());
            table = v.view();
        } else {
            return;
        }
        Map<String, List<Boolean>> byColumn = new LinkedHashMap<>();
        for (String n : names) {
            boolean partial = n.endsWith("[]");
            byColumn.computeIfAbsent(partial ? n.substring(0, n.length() - 2) : n, k -> new ArrayList<>()).add(partial);
        }
        byColumn.forEach((column, parts) -> {
            if (parts.size() > 1 && parts.contains(false)) {
                out.add(context.finding(INFO, entry, DbObject.column(table.toString(), column))
                        .message("Column " + column + " of " + table + " is named " + parts.size() + " times in one "
                                + ddl.command())
                        .fix(Fix.advice("keep one of them"))
                        .build());
            }
        });
    }
}
