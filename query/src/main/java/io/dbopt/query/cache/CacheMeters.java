package io.dbopt.query.cache;

import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.query.QueryMeters;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Registers a cache's meters ({@link QueryMeters}, tag {@code cache}), each reading the cache's counters when
 * scraped, so that serving a request costs nothing more. Stateless.
 */
final class CacheMeters {

    private CacheMeters() {
    }

    static void bind(MetricsRecorder metrics, String cache, Supplier<CacheStats> stats, LongSupplier size) {
        requests(metrics, cache, "Requests served from memory", stats, CacheStats::localHits, "hit-local");
        requests(metrics, cache, "Requests served from Redis", stats, CacheStats::sharedHits, "hit-shared");
        requests(metrics, cache, "Requests that ran the query", stats, CacheStats::misses, "miss");
        counter(metrics, cache, QueryMeters.CACHE_LOAD_FAILURES, "Queries that failed while loading", stats,
                CacheStats::loadFailures);
        counter(metrics, cache, QueryMeters.CACHE_EVICTIONS, "Entries dropped by size or age", stats,
                CacheStats::evictions);
        counter(metrics, cache, QueryMeters.CACHE_INVALIDATIONS, "Table invalidations received", stats,
                CacheStats::invalidations);
        counter(metrics, cache, QueryMeters.CACHE_STALE, "Entries refused because a table was written since", stats,
                CacheStats::staleRejections);
        counter(metrics, cache, QueryMeters.CACHE_SHARED_ERRORS, "Redis calls that failed", stats,
                CacheStats::sharedErrors);
        metrics.gauge(QueryMeters.CACHE_SIZE, "Entries held in memory", "entries", size::getAsLong, "cache", cache);
        metrics.gauge(QueryMeters.CACHE_HIT_RATIO, "Hits over requests since the cache was built", null,
                () -> stats.get().hitRate(), "cache", cache);
    }

    private static void requests(MetricsRecorder metrics, String cache, String description,
                                 Supplier<CacheStats> stats, ToLongFunction<CacheStats> count, String result) {
        metrics.functionCounter(QueryMeters.CACHE_REQUESTS, description, "requests",
                () -> count.applyAsLong(stats.get()), "cache", cache, "result", result);
    }

    private static void counter(MetricsRecorder metrics, String cache, String meter, String description,
                                Supplier<CacheStats> stats, ToLongFunction<CacheStats> count) {
        metrics.functionCounter(meter, description, null, () -> count.applyAsLong(stats.get()), "cache", cache);
    }
}
