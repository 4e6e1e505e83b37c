package io.dbopt.index;

/**
 * The names of every meter the index module records through {@link io.dbopt.core.metrics.MetricsRecorder}, listed
 * with their tags in {@code docs/metrics.md}. Constants only.
 */
public final class IndexMeters {

    /** Timer: one full analysis ({@link IndexManager#analyze()}, the doctor's Indexes section). */
    public static final String ANALYSIS = "dbopt.index.analysis";

    /** Counter: catalog checks run; tags {@code check} (the check id), {@code outcome} ({@code ok}, {@code failed}). */
    public static final String CHECKS = "dbopt.index.checks";

    /** Counter: findings reported by the checks; tag {@code severity}. */
    public static final String FINDINGS = "dbopt.index.findings";

    /** Counter: index recommendations made (validated by what-if costing). */
    public static final String RECOMMENDATIONS = "dbopt.index.recommendations";

    /** Counter: what-if evaluations (hypothetical index sets costed); tag {@code method}. */
    public static final String WHATIF_EVALUATIONS = "dbopt.index.whatif.evaluations";

    /**
     * Counter: index DDL run by {@link IndexManager}; tags {@code operation} ({@code create}, {@code drop},
     * {@code visibility}) and {@code outcome} (the {@link ApplyResult.Action} in lower case, or {@code failed}).
     */
    public static final String DDL = "dbopt.index.ddl";

    /** Timer: how long index DDL took, failed or not; tag {@code operation}. */
    public static final String DDL_DURATION = "dbopt.index.ddl.duration";

    /** Counter: health checks answered; tag {@code status} ({@code up}, {@code degraded}, {@code down}). */
    public static final String HEALTH_CHECKS = "dbopt.index.health.checks";

    private IndexMeters() {
    }
}
