package io.dbopt.query.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cache tier shared by every application instance (Redis). Entries carry the generation of each table they
 * read; a write increments the generations of its tables, so an entry read after the write no longer matches and
 * is refused. Implementations throw {@link io.dbopt.core.DbOptException} with
 * {@link io.dbopt.query.QueryErrorCode#REDIS_UNAVAILABLE} when the server cannot be reached. Thread-safe.
 */
interface SharedTier extends AutoCloseable {

    /** The generation key standing for "every table" (bumped by writes whose tables are unknown). */
    String ALL_TABLES = "*";

    /** The entry stored under a key, if any (not yet checked for staleness). */
    Optional<ResultCodec.SharedEntry> get(String key);

    /** The current generation of each table and of {@link #ALL_TABLES}; 0 for never written. */
    Map<String, Long> generations(List<String> tables);

    /** Stores an entry for {@code ttl}. */
    void put(String key, String json, Duration ttl);

    /** Bumps the generations of the tables (or of every table) and tells the other instances. Asynchronous. */
    void invalidate(Set<String> tables, boolean allTables);

    /** Deletes every key under this tier's prefix. */
    void clear();

    /** Releases connections. */
    @Override
    void close();
}
