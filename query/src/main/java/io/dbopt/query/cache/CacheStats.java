package io.dbopt.query.cache;

/**
 * Counters of a {@link QueryCache} since it was built. Requests are hits (served from memory or from Redis without
 * running the query) or misses (the query ran).
 *
 * @param localHits requests served from the in-process tier
 * @param sharedHits requests served from the Redis tier
 * @param misses requests that ran the query
 * @param loadFailures queries that failed while loading
 * @param evictions entries dropped by size or age
 * @param invalidations table invalidations received (own writes and, with Redis, other instances')
 * @param staleRejections entries found but refused because a table they read was written since
 * @param sharedErrors Redis calls that failed (the cache then ran the query itself)
 */
public record CacheStats(long localHits, long sharedHits, long misses, long loadFailures, long evictions,
                         long invalidations, long staleRejections, long sharedErrors) {

    /** Requests in all. */
    public long requests() {
        return localHits + sharedHits + misses;
    }

    /** Hits over requests, 0 without requests. */
    public double hitRate() {
        long requests = requests();
        return requests == 0 ? 0 : (double) (localHits + sharedHits) / requests;
    }
}
