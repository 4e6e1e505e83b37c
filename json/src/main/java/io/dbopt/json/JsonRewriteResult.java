package io.dbopt.json;

import java.util.List;
import java.util.Objects;

/**
 * What {@link JsonPathOptimizer#rewrite} made of a statement.
 *
 * @param original the statement as given
 * @param sql the statement with the proven rewrites applied (the original when there is none)
 * @param applied the proven rewrites, applied in {@link #sql()}
 * @param advice rewrites whose results depend on the data, not applied
 */
public record JsonRewriteResult(String original, String sql, List<JsonRewrite> applied, List<JsonRewrite> advice) {

    /** Validates and copies. */
    public JsonRewriteResult {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(sql, "sql");
        applied = List.copyOf(applied);
        advice = List.copyOf(advice);
    }

    /** Whether the statement changed. */
    public boolean changed() {
        return !applied.isEmpty();
    }
}
