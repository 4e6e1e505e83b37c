package io.dbopt.query.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import io.dbopt.core.SqlErrors;
import io.dbopt.query.QueryErrorCode;
import io.dbopt.query.QueryProfiler;
import io.dbopt.query.WriteListener;
import io.dbopt.query.sql.SqlAnalyzer;
import io.dbopt.query.sql.SqlFacts;
import io.dbopt.query.sql.StatementKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A result cache for reads the application marks cacheable: an in-process Caffeine tier, optionally backed by a
 * Redis tier shared by every instance of the application. Entries expire after a TTL, the in-process tier is
 * bounded in size, and concurrent requests for one key run the query once. Entries are dropped when a table they
 * read is written: through {@link #invalidateTables(Set)}, or automatically when the cache listens to a
 * {@link QueryProfiler} that sees the write ({@link Builder#invalidatedBy(QueryProfiler)}); with Redis, other
 * instances learn it through a table generation counter (never serving an entry older than a write) and a
 * publish/subscribe message (dropping their in-process copies; until it arrives, a few milliseconds, they may still
 * serve their own copy).
 *
 * <pre>{@code
 * QueryCache cache = QueryCache.builder().ttl(Duration.ofMinutes(5)).maximumSize(10_000)
 *     .redis("redis://127.0.0.1:6379").keyPrefix("shop:")
 *     .invalidatedBy(profiler).build();
 * QueryResult top = cache.query(dataSource, "SELECT id, name FROM products WHERE category = ?", 7);
 * }</pre>
 *
 * <p>Values are stored as typed JSON (see {@link QueryResult}), never with Java serialization. When Redis fails,
 * the cache logs it, counts it, and runs the query itself. Thread-safe; {@link #close()} releases the Redis
 * connections and stops listening to the profiler.
 */
public final class QueryCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryCache.class);

    private final String name;
    private final Duration ttl;
    private final Cache<String, LocalEntry> local;
    private final Cache<String, SqlFacts> facts;
    private final Generations generations = new Generations();
    private final SharedTier shared;
    private final QueryProfiler profiler;
    private final WriteListener listener = this::onWrite;
    private final LongAdder localHits = new LongAdder();
    private final LongAdder sharedHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder staleRejections = new LongAdder();
    private final LongAdder sharedErrors = new LongAdder();
    private final SqlAnalyzer analyzer;

    private QueryCache(Builder b) {
        this.name = b.name;
        this.ttl = b.ttl;
        this.analyzer = b.mariaDb ? SqlAnalyzer.mariaDb() : SqlAnalyzer.postgres();
        this.local = Caffeine.newBuilder().maximumSize(b.maximumSize).expireAfterWrite(b.ttl)
                .<String, LocalEntry>removalListener((k, v, cause) -> {
                    if (cause.wasEvicted()) {
                        evictions.increment();
                    }
                }).build();
        this.facts = Caffeine.newBuilder().maximumSize(1_000).build();
        this.shared = b.redisUri == null ? null : RedisSupport.connect(name, b.redisUri, b.keyPrefix, b.redisTimeout,
                this::onRemoteInvalidation);
        this.profiler = b.profiler;
        if (profiler != null) {
            profiler.addWriteListener(listener);
        }
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name that starts this cache's log lines. */
    public String name() {
        return name;
    }

    /** Runs a cacheable read, or returns its cached rows; see {@link #query(DataSource, String, List)}. */
    public QueryResult query(DataSource dataSource, String sql, Object... params) {
        return query(dataSource, sql, Arrays.asList(params));
    }

    /**
     * Runs a cacheable read on {@code dataSource} with bound parameters, or returns its rows from the cache. The key
     * is the exact SQL text and the parameter values.
     *
     * @throws DbOptException with {@link QueryErrorCode#NOT_CACHEABLE} when the statement is not a plain read or
     *     its tables cannot be told, {@link QueryErrorCode#CACHE_LOAD_FAILED} when the query fails (SQLState
     *     kept)
     * @throws IllegalArgumentException when a parameter has a type that cannot be part of a key
     */
    public QueryResult query(DataSource dataSource, String sql, List<?> params) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(params, "params");
        SqlFacts read = facts.get(Objects.requireNonNull(sql, "sql"), analyzer::analyze);
        if (read.kind() != StatementKind.SELECT || read.isWrite() || read.tables().isEmpty()) {
            throw new DbOptException(QueryErrorCode.NOT_CACHEABLE, "Only reads of known tables can be cached, not "
                    + read.kind() + " " + read.fingerprint() + (read.tables().isEmpty() ? " (no table found)" : "")
                    + ": run it directly");
        }
        List<String> tables = List.copyOf(read.tables());
        String key = ResultCodec.key(sql, params);
        LocalEntry cached = local.getIfPresent(key);
        if (cached != null) {
            if (generations.unchanged(tables, cached.generations)) {
                localHits.increment();
                return cached.result;
            }
            staleRejections.increment();
            local.asMap().remove(key, cached);
        }
        boolean[] loadedHere = {false};
        LocalEntry entry = local.get(key, k -> {
            loadedHere[0] = true;
            return load(k, dataSource, sql, params, tables);
        });
        if (!loadedHere[0]) {
            localHits.increment(); // another thread loaded it while this one waited
        }
        if (!generations.unchanged(tables, entry.generations)) {
            local.asMap().remove(key, entry); // written while loading: serve it once, never again
        }
        return entry.result;
    }

    private LocalEntry load(String key, DataSource dataSource, String sql, List<?> params, List<String> tables) {
        long[] before = generations.snapshot(tables);
        Map<String, Long> remote = null;
        if (shared != null) {
            try {
                var found = shared.get(key);
                remote = shared.generations(tables);
                if (found.isPresent()) {
                    if (found.get().generations().equals(remote)) {
                        sharedHits.increment();
                        return new LocalEntry(found.get().result(), before);
                    }
                    staleRejections.increment();
                }
            } catch (DbOptException e) {
                sharedFailed(e);
                remote = null;
            }
        }
        misses.increment();
        QueryResult result = run(dataSource, sql, params);
        if (shared != null && remote != null) {
            try {
                shared.put(key, ResultCodec.encode(result, remote), ttl);
            } catch (DbOptException e) {
                sharedFailed(e);
            }
        }
        return new LocalEntry(result, before);
    }

    private void sharedFailed(DbOptException e) {
        sharedErrors.increment();
        LOG.warn("{} - the Redis tier failed, running the query instead: {}", name, e.getMessage());
    }

    private QueryResult run(DataSource dataSource, String sql, List<?> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<String> columns = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    columns.add(md.getColumnLabel(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        Object v = md.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE
                                ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i);
                        row.add(ResultCodec.normalise(v));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows);
            }
        } catch (SQLException e) {
            loadFailures.increment();
            throw new DbOptException(QueryErrorCode.CACHE_LOAD_FAILED, "Loading a cached query failed ("
                    + SqlErrors.classify(e) + "): " + analyzer.fingerprint(sql), e);
        }
    }

    /** Drops every entry that read one of the tables (names as in SQL; schema and quotes are ignored). */
    public void invalidateTables(Set<String> tables) {
        Set<String> keys = new java.util.HashSet<>();
        tables.forEach(t -> keys.add(SqlFacts.tableKey(t)));
        invalidate(keys, false);
    }

    /** Drops every entry, in-process and, with Redis, for every instance. */
    public void invalidateAll() {
        invalidate(Set.of(), true);
    }

    /**
     * Deletes every Redis key under this cache's prefix and every in-process entry. For tests and maintenance.
     */
    public void clear() {
        local.invalidateAll();
        if (shared != null) {
            shared.clear();
        }
    }

    private void onWrite(Set<String> tables, boolean unknownTables) {
        invalidate(tables, unknownTables);
    }

    private void invalidate(Set<String> tables, boolean all) {
        invalidations.increment();
        if (all) {
            generations.bumpAll();
        } else {
            generations.bump(tables);
        }
        if (shared != null) {
            try {
                shared.invalidate(tables, all);
            } catch (RuntimeException e) {
                sharedErrors.increment();
                LOG.error("{} - could not invalidate {} in Redis: {}", name, all ? "every table" : tables,
                        Redaction.redactText(e.toString()), e);
            }
        }
    }

    private void onRemoteInvalidation(Set<String> tables, Boolean all) {
        invalidations.increment();
        if (all) {
            generations.bumpAll();
        } else {
            generations.bump(tables);
        }
    }

    /** The counters so far. */
    public CacheStats stats() {
        return new CacheStats(localHits.sum(), sharedHits.sum(), misses.sum(), loadFailures.sum(), evictions.sum(),
                invalidations.sum(), staleRejections.sum(), sharedErrors.sum());
    }

    /** How many entries the in-process tier holds (an estimate). */
    public long size() {
        return local.estimatedSize();
    }

    /** Whether the Redis tier is configured. */
    public boolean isShared() {
        return shared != null;
    }

    /** Stops listening to the profiler and closes the Redis connections. Idempotent. */
    @Override
    public void close() {
        if (profiler != null) {
            profiler.removeWriteListener(listener);
        }
        if (shared != null) {
            shared.close();
        }
    }

    @Override
    public String toString() {
        return "QueryCache[" + name + (shared != null ? ", shared" : "") + ", " + size() + " entries]";
    }

    /** An in-process entry with the generations of its tables when it started loading. */
    private record LocalEntry(QueryResult result, long[] generations) {
    }

    /**
     * Configures a {@link QueryCache}. Setters validate at once; {@link #build()} connects to Redis when configured.
     * Not thread-safe.
     */
    public static final class Builder {
        private String name = "query-cache";
        private long maximumSize = 10_000;
        private Duration ttl = Duration.ofMinutes(5);
        private String redisUri;
        private String keyPrefix = "dbopt:qc:";
        private Duration redisTimeout = Duration.ofSeconds(2);
        private QueryProfiler profiler;
        private boolean mariaDb;

        private Builder() {
        }

        /** The name that starts log lines; default {@code query-cache}. */
        public Builder name(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = value;
            return this;
        }

        /** How many entries the in-process tier keeps; default 10,000. */
        public Builder maximumSize(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("maximumSize must be at least 1, was " + value);
            }
            this.maximumSize = value;
            return this;
        }

        /** How long an entry lives in both tiers; default 5 minutes. */
        public Builder ttl(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("ttl must be positive, was " + value);
            }
            this.ttl = value;
            return this;
        }

        /** Adds the shared Redis tier at this URI ({@code redis://host:6379/0}); needs Lettuce on the class path. */
        public Builder redis(String uri) {
            if (uri == null || !(uri.startsWith("redis://") || uri.startsWith("rediss://")
                    || uri.startsWith("redis-socket://"))) {
                throw new IllegalArgumentException("Redis URI '" + Redaction.redactUrl(uri)
                        + "' must start with redis://, rediss:// or redis-socket://");
            }
            this.redisUri = uri;
            return this;
        }

        /** The prefix of every Redis key and of the channel; default {@code dbopt:qc:}. Use one per application. */
        public Builder keyPrefix(String value) {
            if (value == null || value.isBlank() || value.contains(" ")) {
                throw new IllegalArgumentException("keyPrefix must be non-blank without spaces, was '" + value + "'");
            }
            this.keyPrefix = value;
            return this;
        }

        /** The longest one Redis command may take; default 2 s. */
        public Builder redisTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("redisTimeout must be positive, was " + value);
            }
            this.redisTimeout = value;
            return this;
        }

        /** Drops entries when {@code profiler} sees a write to a table they read (any connection it wraps). */
        public Builder invalidatedBy(QueryProfiler value) {
            this.profiler = Objects.requireNonNull(value, "profiler");
            return this;
        }

        /** Reads SQL with MariaDB's lexical rules (backslash escapes) when finding tables; default PostgreSQL's. */
        public Builder mariaDb(boolean value) {
            this.mariaDb = value;
            return this;
        }

        /**
         * Builds the cache.
         *
         * @throws DbOptException with {@link QueryErrorCode#REDIS_UNAVAILABLE} when Redis is configured but cannot be
         *     reached
         * @throws IllegalStateException when Redis is configured but Lettuce is not on the class path
         */
        public QueryCache build() {
            return new QueryCache(this);
        }
    }
}
