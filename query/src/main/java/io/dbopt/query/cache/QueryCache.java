package io.dbopt.query.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dbopt.core.Checks;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.Redaction;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.config.Secret;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.query.QueryErrorCode;
import io.dbopt.query.QueryKeys;
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
 * the cache logs it, counts it, and runs the query itself. Its meters ({@link io.dbopt.query.QueryMeters}, tag
 * {@code cache}) read its counters when scraped. Thread-safe; {@link #close()} releases the Redis connections, stops
 * listening to the profiler and removes the meters it registered in a registry given to its builder.
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
    /** Kept so that the meters' sources, which Micrometer holds weakly, live as long as the cache. */
    private final MetricsRecorder metrics;
    private final boolean ownsMetrics;

    private QueryCache(Builder b, MetricsRecorder metrics, boolean ownsMetrics) {
        this.name = b.name;
        this.ttl = b.ttl;
        this.analyzer = b.analyzer;
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
        this.metrics = metrics;
        this.ownsMetrics = ownsMetrics;
        CacheMeters.bind(metrics, name, this::stats, this::size);
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

    /** Stops listening to the profiler, closes the Redis connections and removes meters it owns. Idempotent. */
    @Override
    public void close() {
        if (profiler != null) {
            profiler.removeWriteListener(listener);
        }
        try {
            if (shared != null) {
                shared.close();
            }
        } finally {
            if (ownsMetrics) {
                metrics.close();
            }
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
        private String name = QueryKeys.CACHE_NAME.defaultValue().orElseThrow();
        private long maximumSize = QueryKeys.CACHE_MAXIMUM_SIZE.defaultValue().orElseThrow();
        private Duration ttl = QueryKeys.CACHE_TTL.defaultValue().orElseThrow();
        private String redisUri;
        private String keyPrefix = QueryKeys.CACHE_KEY_PREFIX.defaultValue().orElseThrow();
        private Duration redisTimeout = QueryKeys.CACHE_REDIS_TIMEOUT.defaultValue().orElseThrow();
        private QueryProfiler profiler;
        private SqlAnalyzer analyzer = SqlAnalyzer.postgres();
        private MetricsRecorder metrics;
        private Object meterRegistry;

        private Builder() {
        }

        /** The name that starts log lines and tags meters; default {@code query-cache}. */
        public Builder name(String value) {
            this.name = Checks.notBlank("name", value);
            return this;
        }

        /** How many entries the in-process tier keeps; default 10,000. */
        public Builder maximumSize(long value) {
            this.maximumSize = Checks.positive("maximumSize", value);
            return this;
        }

        /** How long an entry lives in both tiers; default 5 minutes. */
        public Builder ttl(Duration value) {
            this.ttl = Checks.positive("ttl", value);
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
            this.redisTimeout = Checks.positive("redisTimeout", value);
            return this;
        }

        /**
         * Takes the {@code cache.*} settings of {@code config} that are set ({@link QueryKeys}: name, maximum size,
         * TTL, Redis URL, key prefix, Redis timeout) over the current values.
         */
        public Builder config(DbOptConfig config) {
            config.find(QueryKeys.CACHE_NAME).ifPresent(this::name);
            config.find(QueryKeys.CACHE_MAXIMUM_SIZE).ifPresent(this::maximumSize);
            config.find(QueryKeys.CACHE_TTL).ifPresent(this::ttl);
            config.find(QueryKeys.CACHE_REDIS_URL).map(Secret::reveal).ifPresent(this::redis);
            config.find(QueryKeys.CACHE_KEY_PREFIX).ifPresent(this::keyPrefix);
            config.find(QueryKeys.CACHE_REDIS_TIMEOUT).ifPresent(this::redisTimeout);
            return this;
        }

        /** Drops entries when {@code profiler} sees a write to a table they read (any connection it wraps). */
        public Builder invalidatedBy(QueryProfiler value) {
            this.profiler = Objects.requireNonNull(value, "profiler");
            return this;
        }

        /** Reads SQL with MariaDB's lexical rules (backslash escapes) when finding tables; default PostgreSQL's. */
        public Builder mariaDb(boolean value) {
            this.analyzer = value ? SqlAnalyzer.mariaDb() : SqlAnalyzer.postgres();
            return this;
        }

        /** Reads SQL with the lexical rules of the server the cached queries run on. */
        public Builder dialect(Dialect value) {
            this.analyzer = SqlAnalyzer.forDialect(value);
            return this;
        }

        /**
         * Records the cache's meters ({@link io.dbopt.query.QueryMeters}, tag {@code cache}) through it; the caller
         * closes it.
         */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            this.meterRegistry = null;
            return this;
        }

        /**
         * Records the cache's meters into a Micrometer {@code MeterRegistry} (typed {@code Object} so that Micrometer
         * stays optional); {@link QueryCache#close()} removes them.
         */
        public Builder meterRegistry(Object registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            this.metrics = null;
            return this;
        }

        /**
         * Builds the cache.
         *
         * @throws DbOptException with {@link QueryErrorCode#REDIS_UNAVAILABLE} when Redis is configured but cannot be
         *     reached
         * @throws IllegalStateException when Redis is configured but Lettuce is not on the class path, or a registry
         *     is given without Micrometer on the class path
         */
        public QueryCache build() {
            if (meterRegistry != null) {
                MetricsRecorder owned = MetricsRecorder.micrometer(meterRegistry);
                try {
                    return new QueryCache(this, owned, true);
                } catch (RuntimeException e) {
                    owned.close();
                    throw e;
                }
            }
            return new QueryCache(this, metrics != null ? metrics : MetricsRecorder.noop(), false);
        }
    }
}
