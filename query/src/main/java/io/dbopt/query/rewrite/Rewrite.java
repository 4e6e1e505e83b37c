package io.dbopt.query.rewrite;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import java.util.List;
import java.util.Objects;

/**
 * One rewrite: the statement before and after, and why. Automatic rewrites preserve results and were applied to
 * {@link RewriteResult#sql()}; the others are advice ({@code after} shows what to write, {@code ddl} what to create).
 *
 * @param rule the rule
 * @param before the statement before the rule (JSqlParser's rendering)
 * @param after the statement after the rule, or as advised
 * @param reason why, one line
 * @param automatic whether it was applied because it preserves results
 * @param ddl statements that create what the advice needs (an index), empty when none
 */
public record Rewrite(RewriteRule rule, String before, String after, String reason, boolean automatic,
                      List<String> ddl) {

    /** Validates and copies. */
    public Rewrite {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (reason == null || reason.isBlank() || reason.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A rewrite needs a one-line reason");
        }
        ddl = List.copyOf(ddl);
    }

    /**
     * This rewrite as a {@link Finding} about the query, named by {@code queryName} (its fingerprint).
     */
    public Finding toFinding(String queryName) {
        String name = queryName.length() <= 200 ? queryName : queryName.substring(0, 197) + "...";
        Fix fix = ddl.isEmpty() ? Fix.advice((automatic ? "rewrite (results unchanged) as: " : "rewrite as: ")
                + oneLine(after)) : new Fix(reason, ddl);
        return Finding.builder(rule.checkId(), rule.severity())
                .object(DbObject.of(ObjectType.QUERY, oneLine(name)))
                .message(reason)
                .evidence("automatic", automatic)
                .evidence("rewritten", oneLine(after))
                .fix(fix)
                .build();
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
