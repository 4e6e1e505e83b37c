package io.dbopt.migration.lint;

import io.dbopt.core.ServerVersion;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.Optional;

/** CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY on PostgreSQL 14.0 to 14.3. */
final class IndexCorruptionRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.concurrent-index-corruption", Severity.CRITICAL,
            "PostgreSQL 14.0 to 14.3 can build an index CONCURRENTLY (or REINDEX it CONCURRENTLY) that silently "
                    + "misses rows changed during the build: queries through it return wrong results",
            "upgrade to 14.4 or later before building indexes concurrently (then REINDEX indexes built on 14.0-14.3)")
            .strongMigrations("add_index_corruption");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        ServerVersion v = context.settings().version();
        Optional<String> statement = NonTransactional.concurrently(entry.ddl());
        if (statement.isEmpty() || !statement.get().startsWith("CREATE INDEX") && !statement.get().startsWith("REINDEX")
                || !v.isAtLeast(14, 0) || v.isAtLeast(14, 4)) {
            return;
        }
        out.add(context.finding(INFO, entry, context.scriptObject())
                .message(statement.get() + " on PostgreSQL " + v + " can build an index that misses rows")
                .fix(Fix.advice(INFO.safeAlternative()))
                .build());
    }
}
