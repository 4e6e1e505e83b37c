package io.dbopt.index;

import io.dbopt.core.component.ComponentMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link IndexManager} has done since it was created, as returned by {@link IndexManager#metrics()}: counts
 * only (no database access). Immutable.
 *
 * @param at when the snapshot was taken
 * @param analyses full analyses run
 * @param checksRun catalog checks run, failed or not
 * @param checksFailed catalog checks that failed (their analysis failed with them)
 * @param findings findings the checks reported
 * @param recommendations index recommendations made
 * @param whatIfEvaluations hypothetical index sets costed
 * @param indexesCreated indexes created (built or rebuilt)
 * @param indexesDropped indexes dropped
 * @param ddlFailures index DDL statements that failed
 * @param healthChecks health checks answered
 */
public record IndexMetrics(Instant at, long analyses, long checksRun, long checksFailed, long findings,
                           long recommendations, long whatIfEvaluations, long indexesCreated, long indexesDropped,
                           long ddlFailures, long healthChecks) implements ComponentMetrics {

    /** Validates. */
    public IndexMetrics {
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Map<String, Number> values() {
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("analyses", analyses);
        v.put("checks_run", checksRun);
        v.put("checks_failed", checksFailed);
        v.put("findings", findings);
        v.put("recommendations", recommendations);
        v.put("whatif_evaluations", whatIfEvaluations);
        v.put("indexes_created", indexesCreated);
        v.put("indexes_dropped", indexesDropped);
        v.put("ddl_failures", ddlFailures);
        v.put("health_checks", healthChecks);
        return java.util.Collections.unmodifiableMap(v);
    }
}
