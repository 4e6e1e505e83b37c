package io.dbopt.query;

/**
 * The names of every meter the query module records through {@link io.dbopt.core.metrics.MetricsRecorder}, listed
 * with their tags in {@code docs/metrics.md}. The profiler's meters are tagged {@code profiler} (its name), the
 * cache's {@code cache} (its name); no SQL text or value is ever a tag. They read the component's own counters when
 * scraped, so recording a statement costs nothing more. Constants only.
 */
public final class QueryMeters {

    /**
     * Function timer: statements run through the profiled data source, count and total time; tag {@code kind}
     * (select, insert, update, delete, merge, call, ddl, other). Evicted fingerprints keep counting.
     */
    public static final String EXECUTIONS = "dbopt.query.executions";

    /** Function counter: statements that failed; tag {@code kind}. */
    public static final String ERRORS = "dbopt.query.errors";

    /** Function counter: statements at least as slow as the slow query threshold. */
    public static final String SLOW = "dbopt.query.slow";

    /** Gauge: fingerprints held in memory. */
    public static final String FINGERPRINTS = "dbopt.query.fingerprints";

    /** Gauge: N+1 patterns found so far. */
    public static final String N_PLUS_ONE_PATTERNS = "dbopt.query.n_plus_one.patterns";

    /** Function counter: cache requests; tag {@code result} (hit-local, hit-shared, miss). */
    public static final String CACHE_REQUESTS = "dbopt.cache.requests";

    /** Function counter: cached queries that failed while loading. */
    public static final String CACHE_LOAD_FAILURES = "dbopt.cache.load.failures";

    /** Function counter: cache entries dropped by size or age. */
    public static final String CACHE_EVICTIONS = "dbopt.cache.evictions";

    /** Function counter: table invalidations received (own writes and, with Redis, other instances'). */
    public static final String CACHE_INVALIDATIONS = "dbopt.cache.invalidations";

    /** Function counter: cache entries refused because a table they read was written since. */
    public static final String CACHE_STALE = "dbopt.cache.stale";

    /** Function counter: Redis calls that failed (the cache then ran the query itself). */
    public static final String CACHE_SHARED_ERRORS = "dbopt.cache.shared.errors";

    /** Gauge: entries held in memory. */
    public static final String CACHE_SIZE = "dbopt.cache.size";

    /** Gauge: hits over requests since the cache was built, 0 to 1. */
    public static final String CACHE_HIT_RATIO = "dbopt.cache.hit.ratio";

    private QueryMeters() {
    }
}
