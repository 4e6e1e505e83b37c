package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.regex.Pattern;

/** {@code REINDEX} without {@code CONCURRENTLY} ({@code REINDEX SYSTEM} excepted: it has no concurrent form). */
final class NonConcurrentReindexRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.non-concurrent-reindex", Severity.ERROR,
            "REINDEX locks the index's table against writes (and the index against reads) for the whole rebuild; "
                    + "REINDEX TABLE / SCHEMA / DATABASE does it for every index in turn",
            "REINDEX ... CONCURRENTLY (PostgreSQL 12+), alone in its migration; before 12, CREATE INDEX "
                    + "CONCURRENTLY a replacement, DROP INDEX CONCURRENTLY the old one and rename")
            .squawk("require-concurrent-reindex");
    private static final Pattern TARGET = Pattern.compile("(?i)\\b(INDEX|TABLE|SCHEMA|DATABASE)\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (!(entry.ddl() instanceof Ddl.Reindex r) || r.concurrently() || r.target().equals("SYSTEM")
                || r.target().equals("TABLE") && r.name().filter(n -> context.isNewTable(n, entry)).isPresent()) {
            return;
        }
        String name = r.name().map(Ddl.Name::toString).orElse("the current database");
        Fix fix = context.settings().atLeast(12, 0)
                ? Fix.sql("rebuild concurrently, in a migration of its own",
                        TARGET.matcher(entry.statement().sql()).replaceFirst("$1 CONCURRENTLY"))
                : Fix.advice("PostgreSQL " + context.settings().version() + " has no REINDEX CONCURRENTLY: build a "
                        + "replacement index concurrently, drop the old one concurrently, rename the new one");
        out.add(context.finding(INFO, entry, DbObject.of(ObjectType.INDEX, name))
                .message("REINDEX " + r.target() + " " + name + " without CONCURRENTLY blocks writes for the whole "
                        + "rebuild")
                .fix(fix)
                .build());
    }
}
