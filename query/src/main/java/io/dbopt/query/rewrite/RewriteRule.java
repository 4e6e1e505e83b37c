package io.dbopt.query.rewrite;

import io.dbopt.core.finding.Severity;

/** The rules of {@link QueryRewriter}; each maps to a check id {@code query.rewrite-*}. */
public enum RewriteRule {
    /** {@code SELECT *} becomes the table's columns, in order (needs metadata). Preserves results. */
    SELECT_STAR("select-star", Severity.INFO),
    /**
     * {@code a NOT IN (SELECT b ...)} becomes {@code NOT EXISTS (... AND b = a)}: applied only when neither column
     * can hold NULL (with a NULL, NOT IN returns no row at all, NOT EXISTS does); otherwise advice.
     */
    NOT_IN_TO_NOT_EXISTS("not-in", Severity.WARNING),
    /** OFFSET pagination becomes keyset pagination: advice only (the application must bind the last key). */
    OFFSET_TO_KEYSET("keyset-pagination", Severity.WARNING),
    /** {@code a = x OR a = y} becomes {@code a IN (x, y)}. Preserves results. */
    OR_TO_IN("or-to-in", Severity.INFO),
    /** {@code (SELECT count(*) ...) > 0} and {@code SELECT count(*) > 0} become EXISTS. Preserves results. */
    COUNT_TO_EXISTS("count-exists", Severity.INFO),
    /** A long IN list becomes {@code = ANY(?)} with one array (PostgreSQL): advice, the binding changes. */
    IN_LIST_TO_ANY("any-array", Severity.INFO),
    /**
     * A function or arithmetic on an indexed column ({@code date(ts) = x}, {@code c + 1 = x}) becomes a range or
     * moved arithmetic the index can serve. Applied when exact (integer columns, literal dates), advice otherwise.
     */
    SARGABLE_RANGE("sargable", Severity.WARNING),
    /** {@code lower(c) = ?} on an indexed column: advice to index the expression. */
    EXPRESSION_INDEX("expression-index", Severity.WARNING),
    /** {@code LIKE '%x'}: no B-tree can serve it; advice for a trigram (PostgreSQL) or full-text index. */
    TRIGRAM_INDEX("trigram-index", Severity.WARNING),
    /** A column compared with a value of another type, which hides the index: advice only. */
    IMPLICIT_CAST("implicit-cast", Severity.WARNING);

    private final String slug;
    private final Severity severity;

    RewriteRule(String slug, Severity severity) {
        this.slug = slug;
        this.severity = severity;
    }

    /** The check id, e.g. {@code query.rewrite-not-in}. */
    public String checkId() {
        return "query.rewrite-" + slug;
    }

    /** The severity of findings made from this rule. */
    public Severity severity() {
        return severity;
    }
}
