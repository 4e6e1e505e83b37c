package io.dbopt.query;

import io.dbopt.core.config.Settings;
import io.dbopt.query.sql.SqlAnalyzer;
import io.dbopt.query.sql.StatementKind;
import java.util.EnumMap;
import java.util.Map;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every statement run through a wrapped {@link DataSource}: per fingerprint counts, durations with
 * percentiles, rows and errors (capped in memory), a slow query log with bind values masked, sampled call sites,
 * and N+1 detection within transactions and named {@link #scope(String) scopes}.
 *
 * <pre>{@code
 * ProfiledDataSource ds = QueryProfiler.wrap(hikari);          // defaults
 * QueryProfiler profiler = ds.profiler();
 * try (ProfilerScope page = profiler.scope("GET /projects")) {
 *     ... // application code using ds
 * }
 * profiler.nPlusOne().forEach(n -> log.warn("{}", n));
 * profiler.topQueries(10);
 * }</pre>
 *
 * <p>Statements, prepared and callable statements are wrapped by hand-written delegates (no reflection); each
 * statement of a batch is recorded. The added cost is a few dozen nanoseconds per statement and no allocation
 * beyond the wrappers; stack walks for call sites are sampled. Safe to leave on in production: memory is bounded
 * by {@link Builder#maxFingerprints(int)}. Bind values are never logged unless {@link Builder#logParameters(boolean)}
 * is set; the parameters of each fingerprint's slowest sampled execution are kept in memory so that
 * {@code EXPLAIN} can be run on a realistic plan (turn off with {@link Builder#captureExplainSamples(boolean)}).
 * Immutable configuration, thread-safe.
 */
public final class QueryProfiler {

    private static final Logger LOG = LoggerFactory.getLogger(QueryProfiler.class);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String name;
    private final Duration slowQueryThreshold;
    private final int nPlusOneThreshold;
    private final int maxFingerprints;
    final Recorder recorder;

    private QueryProfiler(Builder b) {
        this.name = b.name != null ? b.name : "query-profiler-" + NAMES.incrementAndGet();
        this.slowQueryThreshold = b.slowQueryThreshold;
        this.nPlusOneThreshold = b.nPlusOneThreshold;
        this.maxFingerprints = b.maxFingerprints;
        this.recorder = new Recorder(name, b.maxFingerprints, b.exclusions, b.slowQueryThreshold.toNanos(),
                b.logParameters, b.captureExplainSamples, b.nPlusOneThreshold, b.callSiteSampling);
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Wraps a data source with a new profiler using the defaults; {@link ProfiledDataSource#profiler()} returns it.
     * The same as {@code QueryProfiler.builder().build().instrument(dataSource)}.
     */
    public static ProfiledDataSource wrap(DataSource dataSource) {
        return builder().build().instrument(dataSource);
    }

    /**
     * The profiler behind a data source returned by {@link #wrap} or {@link #instrument} (directly or through
     * {@link DataSource#unwrap}); empty for any other data source.
     */
    public static Optional<QueryProfiler> of(DataSource dataSource) {
        if (dataSource instanceof ProfiledDataSource p) {
            return Optional.of(p.profiler());
        }
        try {
            if (dataSource != null && dataSource.isWrapperFor(ProfiledDataSource.class)) {
                return Optional.of(dataSource.unwrap(ProfiledDataSource.class).profiler());
            }
        } catch (SQLException e) {
            LOG.debug("{} is not a profiled data source: {}", dataSource, e.toString());
        }
        return Optional.empty();
    }

    /**
     * Wraps a data source so that its statements are recorded by this profiler. The data source is not closed or
     * changed; wrap it once and use the wrapper everywhere. One profiler should serve one kind of server.
     */
    public ProfiledDataSource instrument(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (dataSource instanceof ProfiledDataSource p && p.profiler() == this) {
            return p;
        }
        return new ProfiledDataSource(dataSource, this);
    }

    /**
     * Opens a named scope on the current thread; statements run on this thread until it closes are recorded in it
     * and checked for N+1 patterns. Use with try-with-resources.
     */
    public ProfilerScope scope(String scopeName) {
        if (scopeName == null || scopeName.isBlank()) {
            throw new IllegalArgumentException("A profiler scope needs a name, such as the request path");
        }
        return recorder.openScope(this, scopeName);
    }

    /** The name of this profiler, which starts its log lines. */
    public String name() {
        return name;
    }

    /** Statements at least this slow are logged. */
    public Duration slowQueryThreshold() {
        return slowQueryThreshold;
    }

    /** How many executions of one fingerprint from one call site in one scope make an N+1 pattern. */
    public int nPlusOneThreshold() {
        return nPlusOneThreshold;
    }

    /** How many fingerprints are kept before the least used are evicted. */
    public int maxFingerprints() {
        return maxFingerprints;
    }

    /** Every fingerprint recorded, most total time first. */
    public List<QueryStats> queries() {
        List<QueryStats> all = new ArrayList<>();
        recorder.registry.all().forEach(s -> {
            QueryStats q = s.snapshot();
            if (q.executions() > 0) {
                all.add(q);
            }
        });
        all.sort(Comparator.comparing(QueryStats::total).reversed().thenComparing(QueryStats::fingerprint));
        return all;
    }

    /** The {@code limit} fingerprints with the most total time. */
    public List<QueryStats> topQueries(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<FingerprintStats> all = recorder.registry.all();
        all.sort(Comparator.comparingLong(FingerprintStats::totalNanos).reversed());
        return all.stream().map(FingerprintStats::snapshot).filter(q -> q.executions() > 0).limit(limit).toList();
    }

    /** The statistics of one fingerprint (as in {@link QueryStats#fingerprint()}), if recorded. */
    public Optional<QueryStats> query(String fingerprint) {
        return recorder.registry.all().stream().filter(s -> s.facts.fingerprint().equals(fingerprint)).findFirst()
                .map(FingerprintStats::snapshot).filter(q -> q.executions() > 0);
    }

    /** The statistics recorded for a statement given as SQL text (its literals do not matter), if recorded. */
    public Optional<QueryStats> statsOf(String sql) {
        return query(recorder.analyzer().analyze(Objects.requireNonNull(sql, "sql")).fingerprint());
    }

    /** Every N+1 pattern reported by closed scopes and finished transactions, most executions first. */
    public List<NPlusOne> nPlusOne() {
        return recorder.patterns.nPlusOne(recorder.isPostgres());
    }

    /** Every statement repeated with identical parameters in closed scopes and finished transactions. */
    public List<RepeatedQuery> repeatedQueries() {
        return recorder.patterns.repeated();
    }

    /** How many statements took at least {@link #slowQueryThreshold()}. */
    public long slowQueryCount() {
        return recorder.slowLog.count();
    }

    /** How many statements were recorded in all, including fingerprints since evicted. */
    public long statementCount() {
        long total = 0;
        for (long c : recorder.registry.totalsByKind()[0]) {
            total += c;
        }
        return total;
    }

    /** Totals per statement kind (see {@link KindTotals}); every kind is present. */
    public Map<StatementKind, KindTotals> totalsByKind() {
        long[][] t = recorder.registry.totalsByKind();
        Map<StatementKind, KindTotals> totals = new EnumMap<>(StatementKind.class);
        for (StatementKind kind : StatementKind.values()) {
            int k = kind.ordinal();
            totals.put(kind, new KindTotals(t[0][k], Duration.ofNanos(t[1][k]), t[2][k]));
        }
        return totals;
    }

    /** How many fingerprints are held now. */
    public int fingerprintCount() {
        return recorder.registry.size();
    }

    /** How many fingerprints were evicted because the map was full. */
    public long evictedFingerprints() {
        return recorder.registry.evictedFingerprints();
    }

    /** Forgets every fingerprint and pattern; open scopes keep recording. */
    public void reset() {
        recorder.registry.clear();
        recorder.patterns.clear();
    }

    /** Registers a listener for writes (see {@link WriteListener}). */
    public void addWriteListener(WriteListener listener) {
        recorder.addWriteListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener registered with {@link #addWriteListener}. */
    public void removeWriteListener(WriteListener listener) {
        recorder.removeWriteListener(listener);
    }

    @Override
    public String toString() {
        return "QueryProfiler[" + name + ", " + recorder.registry.size() + " fingerprints]";
    }

    // ---- package-private: used by the report and the metrics binder ---------------------------------------------

    boolean isPostgres() {
        return recorder.isPostgres();
    }

    SqlAnalyzer analyzer() {
        return recorder.analyzer();
    }

    List<FingerprintStats> fingerprintStats() {
        return recorder.registry.all();
    }

    List<NPlusOne> describeNPlusOne(ScopeState state) {
        return Patterns.nPlusOne(state, recorder.isPostgres());
    }

    List<RepeatedQuery> describeRepeated(ScopeState state) {
        return Patterns.repeated(state);
    }

    void closeScope(ProfilerScope scope) {
        recorder.closeScope(scope);
    }

    /**
     * Configures a {@link QueryProfiler}. Setters validate at once and name the bad value; {@link #build()} may be
     * called more than once and never changes the builder. Not thread-safe.
     */
    public static final class Builder {
        private String name;
        private Duration slowQueryThreshold = Duration.ofMillis(500);
        private int nPlusOneThreshold = 10;
        private int maxFingerprints = 2_000;
        private int callSiteSampling = 8_192;
        private boolean logParameters;
        private boolean captureExplainSamples = true;
        private final List<String> exclusions = new ArrayList<>();

        private Builder() {
        }

        /** The name that starts this profiler's log lines; default {@code query-profiler-<n>}. */
        public Builder name(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = value;
            return this;
        }

        /** Statements at least this slow are logged at WARN on {@code io.dbopt.query.slow}; default 500 ms. */
        public Builder slowQueryThreshold(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("slowQueryThreshold must be zero or positive, was " + value);
            }
            this.slowQueryThreshold = value;
            return this;
        }

        /**
         * How many executions of one fingerprint from one call site, with varying parameters, within one scope make
         * an N+1 pattern; default 10, at least 3.
         */
        public Builder nPlusOneThreshold(int value) {
            if (value < 3) {
                throw new IllegalArgumentException("nPlusOneThreshold must be at least 3, was " + value);
            }
            this.nPlusOneThreshold = value;
            return this;
        }

        /** How many fingerprints to keep; the least used are evicted beyond it. Default 2,000; at least 16. */
        public Builder maxFingerprints(int value) {
            if (value < 16) {
                throw new IllegalArgumentException("maxFingerprints must be at least 16, was " + value);
            }
            this.maxFingerprints = value;
            return this;
        }

        /**
         * After a fingerprint's first three executions, capture the call site of one execution in {@code oneIn}
         * (rounded down to a power of two). Default 8,192; 1 captures every time (for tests, costs microseconds).
         */
        public Builder callSiteSampling(int oneIn) {
            if (oneIn < 1) {
                throw new IllegalArgumentException("callSiteSampling must be at least 1, was " + oneIn);
            }
            this.callSiteSampling = oneIn;
            return this;
        }

        /**
         * Shows the SQL as executed and its bind values in the slow query log (still passed through password
         * redaction). Off by default: the log shows the fingerprint, with every value replaced by {@code ?}.
         */
        public Builder logParameters(boolean value) {
            this.logParameters = value;
            return this;
        }

        /**
         * Keeps, in memory only, the bound values of each fingerprint's slowest sampled execution, so that the
         * plan analyzer can EXPLAIN it with realistic values. On by default; never logged or reported.
         */
        public Builder captureExplainSamples(boolean value) {
            this.captureExplainSamples = value;
            return this;
        }

        /**
         * Adds prefixes skipped when looking for a statement's call site: class-name prefixes for your own
         * data-access layer ({@code "com.acme.db."}), or a method ({@code "com.acme.Orders.execute"}) for a helper
         * every statement goes through. The JDK, drivers, pools, ORMs and dbopt are always skipped.
         */
        public Builder excludeFromCallSites(String... prefixes) {
            for (String p : prefixes) {
                if (p == null || p.isBlank()) {
                    throw new IllegalArgumentException("call-site exclusion prefixes must not be blank");
                }
                exclusions.add(p);
            }
            return this;
        }

        /**
         * Reads {@code name}, {@code slow_query_threshold}, {@code n_plus_one_threshold}, {@code max_fingerprints},
         * {@code call_site_sampling}, {@code log_parameters} and {@code capture_explain_samples} where set.
         */
        public Builder settings(Settings settings) {
            settings.string("name").ifPresent(this::name);
            settings.duration("slow_query_threshold").ifPresent(this::slowQueryThreshold);
            settings.integer("n_plus_one_threshold").ifPresent(this::nPlusOneThreshold);
            settings.integer("max_fingerprints").ifPresent(this::maxFingerprints);
            settings.integer("call_site_sampling").ifPresent(this::callSiteSampling);
            settings.bool("log_parameters").ifPresent(this::logParameters);
            settings.bool("capture_explain_samples").ifPresent(this::captureExplainSamples);
            return this;
        }

        /** Builds a profiler; it records nothing until a data source is {@link #instrument instrumented}. */
        public QueryProfiler build() {
            Builder copy = new Builder();
            copy.name = name;
            copy.slowQueryThreshold = slowQueryThreshold;
            copy.nPlusOneThreshold = nPlusOneThreshold;
            copy.maxFingerprints = maxFingerprints;
            copy.callSiteSampling = callSiteSampling;
            copy.logParameters = logParameters;
            copy.captureExplainSamples = captureExplainSamples;
            copy.exclusions.addAll(exclusions);
            return new QueryProfiler(copy);
        }
    }
}
