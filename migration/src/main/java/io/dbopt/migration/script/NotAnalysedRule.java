package io.dbopt.migration.script;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.Severity;
import java.util.List;

/** A statement no rule could look at because it could not be parsed. */
final class NotAnalysedRule implements LintRule {

    static final RuleInfo INFO = RuleInfo.both("migration.not-analysed", Severity.INFO,
            "the statement could not be parsed (JSqlParser does not know every dialect construct: DO blocks, "
                    + "CREATE EXTENSION, procedures), so no rule checked it",
            "review it by hand; suppress with -- dbopt:ignore not-analysed <reason> once reviewed");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        if (entry.ddl() instanceof Ddl.NotAnalysed na) {
            out.add(context.finding(INFO, entry, context.scriptObject())
                    .message("Statement " + entry.statement().index() + " (" + entry.statement().keyword()
                            + ") was not analysed: " + na.reason())
                    .fix(Fix.advice("review this statement by hand"))
                    .build());
        }
    }
}
