package io.dbopt.query;

import io.dbopt.core.ErrorCode;

/** Error codes raised by dbopt-query. */
public enum QueryErrorCode implements ErrorCode {
    /** A statement given to the analyzer, the rewriter or the cache cannot be used (blank, several statements). */
    INVALID_STATEMENT,
    /** EXPLAIN failed on the server (syntax, missing object, timeout). */
    EXPLAIN_FAILED,
    /** EXPLAIN ANALYZE was refused because running the statement could change data that cannot be rolled back. */
    UNSAFE_ANALYZE,
    /** The server returned a plan dbopt could not read. */
    PLAN_UNREADABLE,
    /** A cached query failed to load. */
    CACHE_LOAD_FAILED,
    /** A cached value could not be written or read back. */
    CACHE_SERIALIZATION_FAILED,
    /** The shared Redis tier could not be reached or answered with an error. */
    REDIS_UNAVAILABLE,
    /** A statement the user marked cacheable changes data. */
    NOT_CACHEABLE,
    /** Reading server-side statement statistics failed. */
    STATISTICS_UNAVAILABLE;

    @Override
    public String code() {
        return "QUERY_" + name();
    }
}
