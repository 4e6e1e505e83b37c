package io.dbopt.migration;

import io.dbopt.core.component.ComponentMetrics;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link MigrationFramework} has done since it was created, as returned by
 * {@link MigrationFramework#metrics()}: counts only (no database access). Immutable.
 *
 * @param at when the snapshot was taken
 * @param applied migrations applied
 * @param failed migrations that failed
 * @param failedNotRestored failed migrations whose rollback or compensation left something behind
 * @param rolledBack migrations undone by rollbacks
 * @param migrationTimeMs the total time of the migrations run (applied or failed), in milliseconds
 * @param lintFindings lint findings in migration scripts
 * @param healthChecks health checks answered
 */
public record MigrationMetrics(Instant at, long applied, long failed, long failedNotRestored, long rolledBack,
                               long migrationTimeMs, long lintFindings, long healthChecks)
        implements ComponentMetrics {

    /** Validates. */
    public MigrationMetrics {
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Map<String, Number> values() {
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("applied", applied);
        v.put("failed", failed);
        v.put("failed_not_restored", failedNotRestored);
        v.put("rolled_back", rolledBack);
        v.put("migration_time_ms", migrationTimeMs);
        v.put("lint_findings", lintFindings);
        v.put("health_checks", healthChecks);
        return Collections.unmodifiableMap(v);
    }
}
