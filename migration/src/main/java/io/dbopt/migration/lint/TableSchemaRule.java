package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.ArrayList;
import java.util.List;

/** A table created, altered or dropped by an unqualified name (opt-in). */
final class TableSchemaRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.table-schema", Severity.WARNING,
            "an unqualified table name resolves through the session's search_path, which differs between the "
                    + "migration runner, psql and the application: the table lands in, or is looked up in, the wrong "
                    + "schema",
            "qualify every table name: public.orders")
            .squawk("require-table-schema").asOptIn();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        List<Ddl.Name> names = new ArrayList<>();
        if (entry.ddl() instanceof Ddl.CreateTable ct && !ct.temporary()) {
            names.add(ct.table());
        } else if (entry.ddl() instanceof Ddl.AlterTable at) {
            names.add(at.table());
        } else if (entry.ddl() instanceof Ddl.Drop d && d.kind() == Ddl.ObjectKind.TABLE) {
            names.addAll(d.names());
        }
        for (Ddl.Name name : names) {
            if (name.schema().isEmpty()) {
                out.add(context.finding(INFO, entry, context.tableObject(name))
                        .message("Table " + name + " is not schema-qualified")
                        .fix(Fix.advice("write it as <schema>." + name.name()))
                        .build());
            }
        }
    }
}
