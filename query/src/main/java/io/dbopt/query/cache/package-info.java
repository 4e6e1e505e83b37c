/**
 * A result cache for reads marked cacheable, in process (Caffeine) and optionally shared through Redis (Lettuce),
 * invalidated by table when the profiler sees a write ({@link io.dbopt.query.cache.QueryCache}).
 */
package io.dbopt.query.cache;
