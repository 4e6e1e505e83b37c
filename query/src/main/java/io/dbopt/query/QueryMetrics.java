package io.dbopt.query;

import io.dbopt.core.component.ComponentMetrics;
import io.dbopt.core.metrics.Percentiles;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a profiler has recorded, as returned by {@link QueryProfiler#metrics()} and {@link QueryOptimizer#metrics()}
 * (which adds the attached cache's hit ratio): counts since the profiler was built (or {@link QueryProfiler#reset()}
 * for the patterns) and the latency of every statement of the fingerprints held. No database access. Immutable.
 *
 * @param at when the snapshot was taken
 * @param statements statements recorded, evicted fingerprints included
 * @param errors statements that failed
 * @param slowStatements statements at least as slow as the slow query threshold
 * @param nPlusOnePatterns N+1 patterns found
 * @param fingerprints fingerprints held in memory
 * @param latency count and percentiles of the statements of the fingerprints held (at most 12.5 % high)
 * @param cacheHitRatio hits over requests of the attached cache, 0 to 1; empty without a cache
 * @param cacheRequests requests to the attached cache; 0 without one
 */
public record QueryMetrics(Instant at, long statements, long errors, long slowStatements, int nPlusOnePatterns,
                           int fingerprints, Percentiles latency, OptionalDouble cacheHitRatio, long cacheRequests)
        implements ComponentMetrics {

    /** Validates. */
    public QueryMetrics {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(cacheHitRatio, "cacheHitRatio");
    }

    /** The same numbers with a cache's. */
    QueryMetrics withCache(double hitRatio, long requests) {
        return new QueryMetrics(at, statements, errors, slowStatements, nPlusOnePatterns, fingerprints, latency,
                OptionalDouble.of(hitRatio), requests);
    }

    /**
     * {@code statements}, {@code errors}, {@code slow_statements}, {@code n_plus_one_patterns}, {@code fingerprints},
     * {@code latency_p50_ms}, {@code latency_p95_ms}, {@code latency_p99_ms}, {@code latency_max_ms} and, with a
     * cache, {@code cache_requests} and {@code cache_hit_ratio}.
     */
    @Override
    public Map<String, Number> values() {
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("statements", statements);
        v.put("errors", errors);
        v.put("slow_statements", slowStatements);
        v.put("n_plus_one_patterns", nPlusOnePatterns);
        v.put("fingerprints", fingerprints);
        v.put("latency_p50_ms", millis(latency.p50()));
        v.put("latency_p95_ms", millis(latency.p95()));
        v.put("latency_p99_ms", millis(latency.p99()));
        v.put("latency_max_ms", millis(latency.max()));
        if (cacheHitRatio.isPresent()) {
            v.put("cache_requests", cacheRequests);
            v.put("cache_hit_ratio", cacheHitRatio.getAsDouble());
        }
        return Collections.unmodifiableMap(v);
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
