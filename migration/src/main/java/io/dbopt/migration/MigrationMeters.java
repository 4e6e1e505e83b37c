package io.dbopt.migration;

/**
 * The names of every meter the migration module records through {@link io.dbopt.core.metrics.MetricsRecorder},
 * listed with their tags in {@code docs/metrics.md}. Constants only.
 */
public final class MigrationMeters {

    /** Counter: migrations applied; tag {@code set}. */
    public static final String APPLIED = "dbopt.migration.applied";

    /**
     * Counter: migrations that failed; tags {@code set} and {@code outcome} ({@code restored}: rolled back or
     * compensated, nothing left behind; {@code not_restored}: the schema or kept rows need a hand).
     */
    public static final String FAILED = "dbopt.migration.failed";

    /** Counter: migrations undone by a rollback; tag {@code set}. */
    public static final String ROLLED_BACK = "dbopt.migration.rolled_back";

    /** Timer: how long each migration took, its snapshot and undo bookkeeping included; tag {@code outcome}. */
    public static final String DURATION = "dbopt.migration.duration";

    /** Counter: lint findings in migration scripts; tag {@code severity}. */
    public static final String LINT_FINDINGS = "dbopt.migration.lint.findings";

    /** Counter: health checks answered; tag {@code status} ({@code up}, {@code degraded}, {@code down}). */
    public static final String HEALTH_CHECKS = "dbopt.migration.health.checks";

    private MigrationMeters() {
    }
}
