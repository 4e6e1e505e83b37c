package io.dbopt.json;

import java.util.Objects;

/**
 * The outcome of running a statement and its rewrite on real rows and comparing the results (as multisets: the
 * rewrites never touch ORDER BY).
 *
 * @param identical whether both returned the same rows
 * @param originalRows rows the original returned (up to the limit + 1)
 * @param rewrittenRows rows the rewrite returned (up to the limit + 1)
 * @param complete whether both results were compared whole (false when one had more rows than
 *     {@code json.rewrite.verify_max_rows}; then {@code identical} is false)
 * @param detail what differed, or what was compared
 */
public record RewriteVerification(boolean identical, long originalRows, long rewrittenRows, boolean complete,
                                  String detail) {

    /** Validates. */
    public RewriteVerification {
        Objects.requireNonNull(detail, "detail");
    }
}
