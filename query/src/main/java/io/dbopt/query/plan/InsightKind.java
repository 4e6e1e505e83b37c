package io.dbopt.query.plan;

import io.dbopt.core.finding.Severity;

/** The problems {@link ExecutionPlanAnalyzer} recognises in a plan; each maps to a check id {@code query.plan-*}. */
public enum InsightKind {
    /** A sequential (full) scan of a large table that keeps few of its rows: an index on the filter would help. */
    SEQ_SCAN_FEW_ROWS("seq-scan", Severity.WARNING),
    /** The planner's row estimate is off by 10x or more: plans built on it are chosen blind. */
    ROW_MISESTIMATE("misestimate", Severity.WARNING),
    /** A sort wrote to disk because it did not fit in {@code work_mem}. */
    SORT_SPILL("sort-spill", Severity.WARNING),
    /** A hash (join or aggregate) wrote to disk in several batches. */
    HASH_SPILL("hash-spill", Severity.WARNING),
    /** A nested loop whose outer input is large: the inner side runs once per outer row. */
    NESTED_LOOP_LARGE_OUTER("nested-loop", Severity.WARNING),
    /** A large OFFSET: the server reads and throws away every skipped row. */
    LARGE_OFFSET("large-offset", Severity.WARNING),
    /** An index scan whose rows are mostly discarded by a filter: the index does not cover the condition. */
    INDEX_SCAN_DISCARDS("index-discards", Severity.WARNING),
    /** The table's statistics are stale or missing: ANALYZE it. */
    STALE_STATISTICS("stale-statistics", Severity.WARNING),
    /** MariaDB sorts with filesort instead of reading an index in order. */
    FILESORT("filesort", Severity.INFO),
    /** MariaDB builds a temporary table (GROUP BY, DISTINCT, UNION, ORDER BY on another table). */
    TEMPORARY_TABLE("temporary-table", Severity.INFO),
    /** MariaDB reads a large table in full ({@code access_type ALL}). */
    FULL_SCAN("full-scan", Severity.INFO);

    private final String slug;
    private final Severity severity;

    InsightKind(String slug, Severity severity) {
        this.slug = slug;
        this.severity = severity;
    }

    /** The check id, e.g. {@code query.plan-seq-scan}. */
    public String checkId() {
        return "query.plan-" + slug;
    }

    /** The default severity of findings of this kind. */
    public Severity severity() {
        return severity;
    }
}
