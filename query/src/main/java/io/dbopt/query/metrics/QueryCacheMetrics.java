package io.dbopt.query.metrics;

import io.dbopt.query.cache.CacheStats;
import io.dbopt.query.cache.QueryCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Binds a {@link QueryCache} to Micrometer (tag {@code cache} = its name): {@code dbopt.cache.requests} with
 * {@code result} = hit-local, hit-shared or miss; {@code dbopt.cache.load.failures}, {@code dbopt.cache.evictions},
 * {@code dbopt.cache.invalidations}, {@code dbopt.cache.stale}, {@code dbopt.cache.shared.errors} (counters);
 * {@code dbopt.cache.size} and {@code dbopt.cache.hit.ratio} (gauges). Read from the cache's counters when scraped.
 * Needs micrometer-core on the class path.
 */
public final class QueryCacheMetrics implements MeterBinder {

    private final QueryCache cache;

    /** A binder for a cache. */
    public QueryCacheMetrics(QueryCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String name = cache.name();
        counter(registry, "dbopt.cache.requests", "Requests served from memory", CacheStats::localHits, name,
                "result", "hit-local");
        counter(registry, "dbopt.cache.requests", "Requests served from Redis", CacheStats::sharedHits, name,
                "result", "hit-shared");
        counter(registry, "dbopt.cache.requests", "Requests that ran the query", CacheStats::misses, name,
                "result", "miss");
        counter(registry, "dbopt.cache.load.failures", "Queries that failed while loading", CacheStats::loadFailures,
                name);
        counter(registry, "dbopt.cache.evictions", "Entries dropped by size or age", CacheStats::evictions, name);
        counter(registry, "dbopt.cache.invalidations", "Table invalidations received", CacheStats::invalidations,
                name);
        counter(registry, "dbopt.cache.stale", "Entries refused because a table was written since",
                CacheStats::staleRejections, name);
        counter(registry, "dbopt.cache.shared.errors", "Redis calls that failed", CacheStats::sharedErrors, name);
        Gauge.builder("dbopt.cache.size", cache, QueryCache::size).description("Entries held in memory")
                .tags("cache", name).register(registry);
        Gauge.builder("dbopt.cache.hit.ratio", cache, c -> c.stats().hitRate())
                .description("Hits over requests since the cache was built").tags("cache", name).register(registry);
    }

    private void counter(MeterRegistry registry, String meter, String description, ToLongFunction<CacheStats> read,
                         String name, String... tags) {
        FunctionCounter.builder(meter, cache, c -> read.applyAsLong(c.stats())).description(description)
                .tags("cache", name).tags(tags).register(registry);
    }
}
