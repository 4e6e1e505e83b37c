package io.dbopt.migration.lint;

import io.dbopt.core.finding.Finding;
import java.util.List;

/** One lint rule: looks at one analysed statement in the context of its script. Stateless. */
interface LintRule {

    /** What the rule checks. */
    RuleInfo info();

    /** Every check id the rule can report, for listings; most rules report one. */
    default List<RuleInfo> infos() {
        return List.of(info());
    }

    /** Adds findings about the statement to {@code out}. */
    void check(LintContext context, LintContext.Entry entry, List<Finding> out);
}
