package io.dbopt.migration.lint;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;
import java.util.regex.Pattern;

/** {@code CREATE INDEX} without {@code CONCURRENTLY} on a table that already exists. */
final class NonConcurrentIndexRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.postgres("migration.non-concurrent-index", Severity.ERROR,
            "CREATE INDEX holds a SHARE lock for the whole build: every INSERT, UPDATE and DELETE on the table waits "
                    + "until the index is built",
            "CREATE INDEX CONCURRENTLY, alone in its migration (it cannot run inside a transaction)")
            .squawk("require-concurrent-index-creation").strongMigrations("add_index", "add_reference");
    static final Pattern INDEX_KEYWORD = Pattern.compile("(?i)\\bINDEX\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.CreateIndex ci && !ci.concurrently()
                && !context.isNewTable(ci.table(), entry)) {
            String concurrent = INDEX_KEYWORD.matcher(entry.statement().sql()).replaceFirst("INDEX CONCURRENTLY");
            out.add(context.finding(INFO, entry, DbObject.index(ci.name()))
                    .message("Index " + ci.name() + " on " + ci.table() + " is built without CONCURRENTLY and blocks "
                            + "writes to the table while it builds")
                    .fix(Fix.sql("build the index concurrently, in a migration of its own", concurrent))
                    .build());
        }
    }
}
