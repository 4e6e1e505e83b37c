package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import io.dbopt.migration.script.Ddl;
import java.util.List;

/** A statement that is not valid SQL, or (rarely, on MariaDB) one no reader could look into. */
final class UnreadableStatementRule implements LintRule {

    static final RuleInfo SYNTAX = RuleInfo.both("migration.syntax-error", Severity.ERROR,
            "the statement is not valid SQL for the server: the migration fails when it reaches it, after the "
                    + "statements before it ran (all of them, where DDL is not transactional)",
            "fix the statement; run the script against a scratch database in CI")
            .squawk("syntax-error");
    static final RuleInfo NOT_ANALYSED = RuleInfo.both("migration.not-analysed", Severity.INFO,
            "the statement could not be read (a MariaDB table statement JSqlParser does not know), so no rule "
                    + "checked it",
            "review it by hand; suppress with -- dbopt:ignore not-analysed <reason> once reviewed");

    @Override
    public RuleInfo info() {
        return SYNTAX;
    }

    @Override
    public List<RuleInfo> infos() {
        return List.of(SYNTAX, NOT_ANALYSED);
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.SyntaxError e) {
            out.add(context.finding(SYNTAX, entry, e.offset(), context.scriptObject())
                    .message("Statement " + entry.index() + " is not valid SQL: " + e.message())
                    .fix(Fix.advice("fix the statement"))
                    .build());
        } else if (entry.ddl() instanceof Ddl.NotAnalysed na) {
            out.add(context.finding(NOT_ANALYSED, entry, context.scriptObject())
                    .message("Statement " + entry.index() + " (" + entry.statement().keyword()
                            + ") was not analysed: " + na.reason())
                    .fix(Fix.advice("review this statement by hand"))
                    .build());
        }
    }
}
