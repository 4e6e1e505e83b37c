package io.dbopt.query;

import io.dbopt.core.Checks;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.jdbc.DataSources;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlFunction;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.query.cache.CacheStats;
import io.dbopt.query.cache.QueryCache;
import io.dbopt.query.doctor.QueryReport;
import io.dbopt.query.plan.ExecutionPlan;
import io.dbopt.query.plan.ExecutionPlanAnalyzer;
import io.dbopt.query.rewrite.QueryRewriter;
import io.dbopt.query.rewrite.RewriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The query module's component: one object that profiles a data source and gives access to the plan analyzer, the
 * rewriter, the server's statement statistics and an optional result cache, reports on all of them, and answers
 * {@link #metrics()} and {@link #healthCheck()} like every dbopt component.
 *
 * <pre>{@code
 * try (QueryOptimizer optimizer = QueryOptimizer.create(config)) {   // database_url, query.*, cache.*
 *     optimizer.inTransaction(c -> ...);                              // profiled connections
 *     optimizer.profiler().nPlusOne();                                // N+1 patterns with call sites
 *     optimizer.explain("SELECT ... WHERE id = ?", 42);               // plan and insights
 *     optimizer.rewrite("SELECT * FROM ...");                         // rewrites and advice
 *     QueryMetrics metrics = optimizer.metrics();
 *     HealthStatus status = optimizer.healthCheck().status();
 * }
 * }</pre>
 *
 * <p>Created from a configuration it opens its data source with {@link DataSources#open} (a dbopt pool when
 * dbopt-pool is on the class path) and closes it in {@link #close()}; given a data source it never closes or changes
 * it. A cache it built from {@code cache.*} settings and meters it registered in a registry given to its builder are
 * closed with it. Immutable and thread-safe after {@link Builder#build()}.
 */
public final class QueryOptimizer implements DbOptComponent<QueryMetrics> {

    private final DataSource raw;
    private final OwnedResources owned;
    private final ProfiledDataSource profiled;
    private final QueryProfiler profiler;
    private final Dialect dialect;
    private final Duration statementTimeout;
    private final ExecutionPlanAnalyzer analyzer;
    private final QueryRewriter rewriter;
    private final QueryCache cache;
    private final QueryHealth health;
    private final AtomicBoolean closed = new AtomicBoolean();

    private QueryOptimizer(Builder b, OwnedResources owned, DataSource raw, Dialect dialect, QueryProfiler profiler,
                           QueryCache cache) {
        this.owned = owned;
        this.raw = raw;
        this.dialect = dialect;
        this.profiler = profiler;
        this.profiled = profiler.instrument(raw);
        this.cache = cache;
        this.statementTimeout = b.statementTimeout;
        this.health = new QueryHealth(b.healthMaxNPlusOne, b.healthMaxSlowShare, b.healthMinStatements);
        this.analyzer = ExecutionPlanAnalyzer.builder().dataSource(raw).dialect(dialect)
                .statementTimeout(statementTimeout).build();
        this.rewriter = QueryRewriter.builder().dataSource(raw).dialect(dialect).build();
    }

    /**
     * An optimizer for {@code config}'s {@code database.url} (JDBC or the {@code postgresql://user:pw@host/db} form)
     * with its {@code query.*} and {@code cache.*} settings; it opens the data source and closes it in
     * {@link #close()}.
     *
     * @throws io.dbopt.core.DbOptException when the configuration has no {@code database.url} or the database cannot
     *     be reached
     */
    public static QueryOptimizer create(DbOptConfig config) {
        return builder().config(config).build();
    }

    /** An optimizer over the user's data source (never closed by it) with {@code config}'s settings. */
    public static QueryOptimizer create(DbOptConfig config, DataSource dataSource) {
        return builder().config(config).dataSource(dataSource).build();
    }

    /** An optimizer over a data source with a new profiler using the defaults. */
    public static QueryOptimizer create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /** Starts a configuration, with every default from {@link QueryKeys}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String componentName() {
        return "query";
    }

    /** The profiled data source: use it in the application so that its statements are recorded. */
    public DataSource dataSource() {
        return profiled;
    }

    /**
     * Borrows a profiled connection, applies {@code work} and closes the connection, on every path.
     *
     * @throws io.dbopt.core.DbOptException when no connection can be had or {@code work} fails with an
     *     {@link SQLException} (its kind and SQLState kept)
     */
    public <T> T withConnection(SqlFunction<Connection, T> work) {
        Objects.requireNonNull(work, "work");
        return Jdbc.withConnection(profiled, "a statement of " + profiler.name(), work);
    }

    /**
     * Borrows a profiled connection, runs {@code work} in a transaction and commits it; rolls back when {@code work}
     * throws anything, then rethrows. The connection's auto-commit mode is restored and the connection closed on
     * every path. The transaction is an N+1 scope of the profiler.
     *
     * @throws io.dbopt.core.DbOptException as {@link #withConnection(SqlFunction)}; a failed commit's outcome is
     *     unknown
     */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        Objects.requireNonNull(work, "work");
        return Jdbc.withConnection(profiled, "a transaction of " + profiler.name(), c -> transaction(c, work));
    }

    private static <T> T transaction(Connection c, SqlFunction<Connection, T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        Throwable primary = null;
        try {
            T result = work.apply(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            primary = e;
            try {
                c.rollback();
            } catch (SQLException | RuntimeException r) {
                e.addSuppressed(r);
            }
            throw e;
        } finally {
            restore(c, autoCommit, primary);
        }
    }

    private static void restore(Connection c, boolean autoCommit, Throwable primary) throws SQLException {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            if (primary == null) {
                throw e;
            }
            primary.addSuppressed(e);
        }
    }

    /** The profiler recording {@link #dataSource()}. */
    public QueryProfiler profiler() {
        return profiler;
    }

    /** The result cache attached to this optimizer, if any. */
    public Optional<QueryCache> cache() {
        return Optional.ofNullable(cache);
    }

    /** The server's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The plan analyzer (EXPLAIN runs on the unprofiled data source). */
    public ExecutionPlanAnalyzer planAnalyzer() {
        return analyzer;
    }

    /** The rewriter, reading table metadata from the database. */
    public QueryRewriter rewriter() {
        return rewriter;
    }

    /** The server's statement statistics. */
    public ServerQueries serverQueries() {
        return ServerQueries.of(raw, dialect, statementTimeout);
    }

    /** Explains a statement with its values (ANALYZE for reads); see {@link ExecutionPlanAnalyzer}. */
    public ExecutionPlan explain(String sql, Object... params) {
        return analyzer.explain(sql, params);
    }

    /** Rewrites a statement; see {@link QueryRewriter}. */
    public RewriteResult rewrite(String sql) {
        return rewriter.rewrite(sql);
    }

    /** The same report as the doctor's "Queries" section, with this optimizer's profiler. */
    public ReportSection report() {
        return QueryReport.build("Queries", raw, dialect, statementTimeout, Optional.of(profiler));
    }

    /** The findings of {@link #report()}. */
    public List<Finding> findings() {
        return report().findings();
    }

    /** The profiler's numbers and, with a cache attached, its hit ratio; no database access. */
    @Override
    public QueryMetrics metrics() {
        QueryMetrics metrics = profiler.metrics();
        if (cache == null) {
            return metrics;
        }
        CacheStats stats = cache.stats();
        return metrics.withCache(stats.hitRate(), stats.requests());
    }

    /**
     * UP, or DEGRADED with findings when more N+1 patterns were found than {@code query.health_max_n_plus_one} (the
     * patterns, at most five) or more than {@code query.health_max_slow_share} of at least
     * {@code query.health_min_statements} statements were slow; DOWN once closed. Reads only what the profiler
     * recorded (no database access, so it never blocks); never throws.
     */
    @Override
    public Health healthCheck() {
        if (closed.get()) {
            return Health.down(componentName(), "closed");
        }
        return health.check(componentName(), profiler, metrics());
    }

    /**
     * Closes what this optimizer opened: the data source it opened from the configuration, the cache it built from
     * {@code cache.*} settings, and the meters it registered in a registry; idempotent. A data source, cache or
     * profiler given to the builder is left as it is.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return "QueryOptimizer[" + profiler.name() + owned.describe().map(d -> " over " + d).orElse("") + "]";
    }

    /**
     * Configures a {@link QueryOptimizer}; every default comes from {@link QueryKeys}. Setters validate at once. Not
     * thread-safe.
     */
    public static final class Builder {
        private DataSource dataSource;
        private DbOptConfig config;
        private QueryProfiler profiler;
        private QueryCache cache;
        private MetricsRecorder metrics;
        private Object meterRegistry;
        private Duration statementTimeout = QueryKeys.STATEMENT_TIMEOUT.defaultValue().orElseThrow();
        private int healthMaxNPlusOne = QueryKeys.HEALTH_MAX_N_PLUS_ONE.defaultValue().orElseThrow();
        private double healthMaxSlowShare = QueryKeys.HEALTH_MAX_SLOW_SHARE.defaultValue().orElseThrow();
        private long healthMinStatements = QueryKeys.HEALTH_MIN_STATEMENTS.defaultValue().orElseThrow();

        private Builder() {
        }

        /**
         * The application's data source, never closed by the optimizer. When it is already a
         * {@link ProfiledDataSource}, its profiler is used. Without one, {@link #config(DbOptConfig)} must name the
         * database.
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * The configuration: its {@code database.url} when no data source is given, the profiler's {@code query.*}
         * settings when no profiler is given, the optimizer's ({@code query.statement_timeout},
         * {@code query.health_*}) and, with {@code cache.enabled}, a cache built from {@code cache.*}.
         */
        public Builder config(DbOptConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            value.find(QueryKeys.STATEMENT_TIMEOUT).ifPresent(this::statementTimeout);
            value.find(QueryKeys.HEALTH_MAX_N_PLUS_ONE).ifPresent(v -> this.healthMaxNPlusOne = v);
            value.find(QueryKeys.HEALTH_MAX_SLOW_SHARE).ifPresent(v -> this.healthMaxSlowShare = v);
            value.find(QueryKeys.HEALTH_MIN_STATEMENTS).ifPresent(v -> this.healthMinStatements = v);
            return this;
        }

        /** A configured profiler to record with, instead of one built from the configuration or the defaults. */
        public Builder profiler(QueryProfiler value) {
            this.profiler = Objects.requireNonNull(value, "profiler");
            return this;
        }

        /** A cache to attach (its hit ratio joins {@link QueryOptimizer#metrics()}); the caller closes it. */
        public Builder cache(QueryCache value) {
            this.cache = Objects.requireNonNull(value, "cache");
            return this;
        }

        /** Records the meters of the profiler and cache the optimizer builds ({@link QueryMeters}) through it. */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            this.meterRegistry = null;
            return this;
        }

        /**
         * Records those meters into a Micrometer {@code MeterRegistry} (typed {@code Object} so that Micrometer stays
         * optional); {@link QueryOptimizer#close()} removes them.
         */
        public Builder meterRegistry(Object registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            this.metrics = null;
            return this;
        }

        /** The longest any EXPLAIN or statistics query may run; default 10 s. */
        public Builder statementTimeout(Duration value) {
            this.statementTimeout = Checks.positive("statementTimeout", value);
            return this;
        }

        /** How many N+1 patterns the health check tolerates before it answers DEGRADED; default 0. */
        public Builder healthMaxNPlusOne(int value) {
            this.healthMaxNPlusOne = Checks.notNegative("healthMaxNPlusOne", value);
            return this;
        }

        /**
         * The share of slow statements (0 to 1) the health check tolerates once {@code minStatements} ran; default
         * 0.05 of at least 20.
         */
        public Builder healthMaxSlowShare(double share, long minStatements) {
            this.healthMaxSlowShare = Checks.inRange("healthMaxSlowShare", share, 0.0, 1.0);
            this.healthMinStatements = Checks.notNegative("minStatements", minStatements);
            return this;
        }

        /**
         * Builds the optimizer: opens the configured data source when none was given, detects the server with one
         * connection, and builds the cache when {@code cache.enabled} is set. What it opened is closed again when a
         * later step fails.
         *
         * @throws IllegalStateException when neither a data source nor a configuration was given
         * @throws io.dbopt.core.DbOptException when the configuration has no {@code database.url}, the database cannot
         *     be reached or the cache's Redis tier cannot
         */
        public QueryOptimizer build() {
            if (dataSource == null && config == null) {
                throw new IllegalStateException("QueryOptimizer needs a dataSource(...) or a config(...) with a "
                        + "database_url");
            }
            OwnedResources owned = new OwnedResources();
            try {
                MetricsRecorder recorder = meterRegistry != null
                        ? owned.metrics(MetricsRecorder.micrometer(meterRegistry))
                        : metrics != null ? metrics : MetricsRecorder.noop();
                DataSource given = dataSource != null ? dataSource : owned.dataSource(DataSources.open(config));
                DataSource raw = given instanceof ProfiledDataSource p ? p.delegate() : given;
                Dialect dialect = DatabaseInfo.detect(raw).dialect();
                QueryProfiler profiling = profiler != null ? profiler : QueryProfiler.of(given).orElseGet(() -> {
                    QueryProfiler.Builder b = QueryProfiler.builder().metrics(recorder);
                    return (config != null ? b.config(config) : b).build();
                });
                QueryCache attached = cache;
                if (attached == null && config != null && config.get(QueryKeys.CACHE_ENABLED)) {
                    attached = owned.cache(QueryCache.builder().config(config).metrics(recorder).dialect(dialect)
                            .invalidatedBy(profiling).build());
                }
                return new QueryOptimizer(this, owned, raw, dialect, profiling, attached);
            } catch (RuntimeException e) {
                owned.closeAfter(e);
                throw e;
            }
        }
    }
}
