package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.Optional;

/** {@code CLUSTER} or {@code VACUUM FULL} of an existing table. */
final class PreferRepackRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.prefer-repack", Severity.ERROR,
            "CLUSTER and VACUUM FULL rewrite the table under an ACCESS EXCLUSIVE lock: no reads, no writes until "
                    + "the copy is done, and it needs free disk for a second copy",
            "REPACK (CONCURRENTLY) on PostgreSQL 19+, the pg_repack extension before that; both rewrite the table "
                    + "while it stays usable")
            .squawk("prefer-repack");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        Optional<Ddl.Name> table;
        String what;
        if (entry.ddl() instanceof Ddl.Cluster c) {
            table = c.table();
            what = "CLUSTER";
        } else if (entry.ddl() instanceof Ddl.Vacuum v && v.full()) {
            table = v.tables().stream().findFirst();
            what = "VACUUM FULL";
        } else {
            return;
        }
        if (table.filter(t -> context.isNewTable(t, entry)).isPresent()) {
            return;
        }
        String target = table.map(Ddl.Name::toString).orElse("every table it covers");
        Fix fix = context.settings().atLeast(19, 0)
                ? Fix.sql("rewrite the table while it stays usable", "REPACK (CONCURRENTLY) "
                        + table.map(context::quote).orElse(""))
                : Fix.advice("rewrite it with pg_repack (pg_repack --table=" + table.map(Ddl.Name::toString)
                        .orElse("<table>") + "), or REPACK (CONCURRENTLY) once on PostgreSQL 19");
        out.add(context.finding(INFO, entry, table.map(context::tableObject).orElse(context.scriptObject()))
                .message(what + " locks " + target + " against reads and writes while it rewrites it")
                .fix(fix)
                .build());
    }
}
