package io.dbopt.query.rewrite;

import java.util.List;
import net.sf.jsqlparser.expression.Expression;

/**
 * A rule's proposal for one condition.
 *
 * @param rule the rule
 * @param replacement the condition to put in place of the original, or null when the advice is DDL only
 * @param automatic whether it preserves results and may be applied
 * @param reason why, one line
 * @param ddl what to create, empty when nothing
 */
record Candidate(RewriteRule rule, Expression replacement, boolean automatic, String reason, List<String> ddl) {

    Candidate {
        ddl = List.copyOf(ddl);
    }
}
