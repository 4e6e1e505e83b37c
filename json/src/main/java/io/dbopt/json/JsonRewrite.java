package io.dbopt.json;

import java.util.Objects;

/**
 * One rewrite the {@link JsonPathOptimizer} found: the text it replaces, the text it writes, and whether it keeps
 * results identical whatever the data ({@code proven}) or only on data like the current one (advice).
 *
 * @param rule what the rewrite does
 * @param before the statement text replaced
 * @param after what replaces it
 * @param proven whether the results stay identical for every possible row (applied automatically); else the rewrite
 *     is advice, to check with {@link JsonPathOptimizer#verify} and apply by hand
 * @param reason why it helps and, for advice, what could make the results differ
 */
public record JsonRewrite(JsonRewriteRule rule, String before, String after, boolean proven, String reason) {

    /** Validates. */
    public JsonRewrite {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(reason, "reason");
    }
}
