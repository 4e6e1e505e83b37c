package io.dbopt.query;

import io.dbopt.core.Checks;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.query.recording.Recorder;
import io.dbopt.query.recording.Recordings;
import io.dbopt.query.sql.StatementKind;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
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
 * <p>Connections, statements, prepared and callable statements and result sets are wrapped by behaviour-only classes
 * over core's JDBC forwarding layer (no reflection); each statement of a batch is recorded. The added cost is a few
 * dozen nanoseconds per statement and no allocation beyond the wrappers; stack walks for call sites are sampled.
 * Safe to leave on in production: memory is bounded by {@link Builder#maxFingerprints(int)}. Bind values are never
 * logged unless {@link Builder#logParameters(boolean)} is set; the values of each fingerprint's slowest sampled
 * execution are kept in memory so that {@code EXPLAIN} can be run on a realistic plan (turn off with
 * {@link Builder#captureExplainSamples(boolean)}). Meters, when a recorder or registry is given, read the profiler's
 * own counters when scraped ({@link QueryMeters}). Immutable configuration, thread-safe.
 */
public final class QueryProfiler {

    private static final Logger LOG = LoggerFactory.getLogger(QueryProfiler.class);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String name;
    private final Duration slowQueryThreshold;
    private final int nPlusOneThreshold;
    private final int maxFingerprints;
    private final Recorder recorder;
    private final Recordings recordings;
    /** Kept so that the meters' sources, which Micrometer holds weakly, live as long as the profiler. */
    private final MetricsRecorder meterRecorder;

    private QueryProfiler(Builder b) {
        this.name = b.name != null ? b.name : "query-profiler-" + NAMES.incrementAndGet();
        this.slowQueryThreshold = b.slowQueryThreshold;
        this.nPlusOneThreshold = b.nPlusOneThreshold;
        this.maxFingerprints = b.maxFingerprints;
        this.recorder = new Recorder(new Recorder.Options(name, b.maxFingerprints, b.exclusions,
                b.slowQueryThreshold, b.logParameters, b.captureExplainSamples, b.nPlusOneThreshold,
                b.callSiteSampling));
        this.recordings = recorder.recordings();
        this.meterRecorder = b.metrics;
        bindMeters();
    }

    /** Starts a configuration, with every default from {@link QueryKeys}. */
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
        return new ProfiledDataSource(dataSource, this, recorder);
    }

    /**
     * Opens a named scope on the current thread; statements run on this thread until it closes are recorded in it
     * and checked for N+1 patterns. Use with try-with-resources.
     */
    public ProfilerScope scope(String scopeName) {
        if (scopeName == null || scopeName.isBlank()) {
            throw new IllegalArgumentException("A profiler scope needs a name, such as the request path");
        }
        return new ProfilerScope(recorder, recorder.openScope(scopeName));
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
        return recordings.queries();
    }

    /** The {@code limit} fingerprints with the most total time. */
    public List<QueryStats> topQueries(int limit) {
        return recordings.topQueries(Checks.positive("limit", limit));
    }

    /** The statistics of one fingerprint (as in {@link QueryStats#fingerprint()}), if recorded. */
    public Optional<QueryStats> query(String fingerprint) {
        return recordings.query(fingerprint);
    }

    /** The statistics recorded for a statement given as SQL text (its literals do not matter), if recorded. */
    public Optional<QueryStats> statsOf(String sql) {
        return query(recordings.analyzer().analyze(Objects.requireNonNull(sql, "sql")).fingerprint());
    }

    /**
     * The kept executions of the {@code limit} fingerprints with the most total time, to explain with realistic
     * values; see {@link ExplainSample}. Empty when {@link Builder#captureExplainSamples(boolean)} is off.
     */
    public List<ExplainSample> explainSamples(int limit) {
        return recordings.explainSamples(Checks.positive("limit", limit));
    }

    /**
     * Names N+1 patterns by entity association ({@code Customer.rentals}) and gives JPA-level advice from now on:
     * {@code profiler.useEntityMappings(EntityMappings.of(entityManagerFactory))} once the ORM has started.
     */
    public void useEntityMappings(io.dbopt.query.orm.EntityMappings mappings) {
        recorder.useEntityMappings(mappings);
    }

    /** Every N+1 pattern reported by closed scopes and finished transactions, most executions first. */
    public List<NPlusOne> nPlusOne() {
        return recordings.nPlusOne();
    }

    /** Every statement repeated with identical parameters in closed scopes and finished transactions. */
    public List<RepeatedQuery> repeatedQueries() {
        return recordings.repeatedQueries();
    }

    /**
     * What was recorded, as findings: N+1 patterns ({@code query.n-plus-one}, WARNING, about the call site),
     * repeated queries ({@code query.repeated-query}), the {@code top} heaviest fingerprints
     * ({@code query.top-profiled}), and slow ({@code query.slow}) and failing ({@code query.errors}) ones. Never
     * contains bind values.
     */
    public List<Finding> findings(int top) {
        List<Finding> findings = new ArrayList<>(ProfiledFindings.nPlusOne(nPlusOne()));
        findings.addAll(ProfiledFindings.repeated(repeatedQueries()));
        findings.addAll(ProfiledFindings.statements(queries(), slowQueryThreshold, Checks.notNegative("top", top)));
        return findings;
    }

    /** How many statements took at least {@link #slowQueryThreshold()}. */
    public long slowQueryCount() {
        return recordings.slowCount();
    }

    /** How many statements were recorded in all, including fingerprints since evicted. */
    public long statementCount() {
        return recordings.statementCount();
    }

    /** Totals per statement kind (see {@link KindTotals}); every kind is present. */
    public Map<StatementKind, KindTotals> totalsByKind() {
        return recordings.totalsByKind();
    }

    /** How many fingerprints are held now. */
    public int fingerprintCount() {
        return recordings.fingerprintCount();
    }

    /** How many fingerprints were evicted because the map was full. */
    public long evictedFingerprints() {
        return recordings.evictedFingerprints();
    }

    /**
     * The numbers now: statements, errors, slow statements, N+1 patterns, fingerprints and latency percentiles. Sums
     * the histograms of the fingerprints held (a few milliseconds for thousands); no database access.
     */
    public QueryMetrics metrics() {
        return new QueryMetrics(Instant.now(), recordings.statementCount(), recordings.errorCount(),
                recordings.slowCount(), recordings.nPlusOneCount(), recordings.fingerprintCount(),
                recordings.latency().percentiles(), OptionalDouble.empty(), 0);
    }

    /** Forgets every fingerprint and pattern; open scopes keep recording. */
    public void reset() {
        recordings.reset();
    }

    /** Registers a listener for writes (see {@link WriteListener}). */
    public void addWriteListener(WriteListener listener) {
        recorder.addWriteListener(listener);
    }

    /** Removes a listener registered with {@link #addWriteListener}. */
    public void removeWriteListener(WriteListener listener) {
        recorder.removeWriteListener(listener);
    }

    @Override
    public String toString() {
        return "QueryProfiler[" + name + ", " + recordings.fingerprintCount() + " fingerprints]";
    }

    /** Registers the meters of {@link QueryMeters} that read this profiler's counters. */
    private void bindMeters() {
        for (StatementKind kind : StatementKind.values()) {
            String tag = kind.name().toLowerCase(Locale.ROOT);
            meterRecorder.functionTimer(QueryMeters.EXECUTIONS, "Statements run through the profiled data source",
                    () -> recordings.totalsByKind().get(kind).executions(),
                    () -> recordings.totalsByKind().get(kind).total().toNanos(), "profiler", name, "kind", tag);
            meterRecorder.functionCounter(QueryMeters.ERRORS, "Statements that failed", "statements",
                    () -> recordings.totalsByKind().get(kind).errors(), "profiler", name, "kind", tag);
        }
        meterRecorder.functionCounter(QueryMeters.SLOW, "Statements slower than the slow query threshold",
                "statements", recordings::slowCount, "profiler", name);
        meterRecorder.gauge(QueryMeters.FINGERPRINTS, "Fingerprints held in memory", "fingerprints",
                recordings::fingerprintCount, "profiler", name);
        meterRecorder.gauge(QueryMeters.N_PLUS_ONE_PATTERNS, "N+1 patterns found so far", "patterns",
                recordings::nPlusOneCount, "profiler", name);
    }

    /**
     * Configures a {@link QueryProfiler}; every default comes from {@link QueryKeys}. Setters validate at once and name
     * the bad value; {@link #build()} may be called more than once and never changes the builder. Not thread-safe.
     */
    public static final class Builder {
        private String name;
        private Duration slowQueryThreshold = QueryKeys.SLOW_QUERY_THRESHOLD.defaultValue().orElseThrow();
        private int nPlusOneThreshold = QueryKeys.N_PLUS_ONE_THRESHOLD.defaultValue().orElseThrow();
        private int maxFingerprints = QueryKeys.MAX_FINGERPRINTS.defaultValue().orElseThrow();
        private int callSiteSampling = QueryKeys.CALL_SITE_SAMPLING.defaultValue().orElseThrow();
        private boolean logParameters = QueryKeys.LOG_PARAMETERS.defaultValue().orElseThrow();
        private boolean captureExplainSamples = QueryKeys.CAPTURE_EXPLAIN_SAMPLES.defaultValue().orElseThrow();
        private final List<String> exclusions = new ArrayList<>();
        private MetricsRecorder metrics = MetricsRecorder.noop();

        private Builder() {
        }

        /** The name that starts this profiler's log lines and tags its meters; default {@code query-profiler-<n>}. */
        public Builder name(String value) {
            this.name = Checks.notBlank("name", value);
            return this;
        }

        /** Statements at least this slow are logged at WARN on {@code io.dbopt.query.slow}; default 500 ms. */
        public Builder slowQueryThreshold(Duration value) {
            this.slowQueryThreshold = Checks.notNegative("slowQueryThreshold", value);
            return this;
        }

        /**
         * How many executions of one fingerprint from one call site, with varying parameters, within one scope make
         * an N+1 pattern; default 10, at least 3.
         */
        public Builder nPlusOneThreshold(int value) {
            this.nPlusOneThreshold = Checks.inRange("nPlusOneThreshold", value, 3, 1_000_000);
            return this;
        }

        /** How many fingerprints to keep; the least used are evicted beyond it. Default 2,000; at least 16. */
        public Builder maxFingerprints(int value) {
            this.maxFingerprints = Checks.inRange("maxFingerprints", value, 16, 1_000_000);
            return this;
        }

        /**
         * After a fingerprint's first three executions, capture the call site of one execution in {@code oneIn}
         * (rounded down to a power of two). Default 8,192; 1 captures every time (for tests, costs microseconds).
         */
        public Builder callSiteSampling(int oneIn) {
            this.callSiteSampling = Checks.inRange("callSiteSampling", oneIn, 1, 1 << 30);
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
                exclusions.add(Checks.notBlank("call-site exclusion prefix", p));
            }
            return this;
        }

        /**
         * Takes the {@code query.*} settings of {@code config} that are set ({@link QueryKeys}: name, slow query
         * threshold, N+1 threshold, fingerprints kept, call-site sampling and exclusions, parameter logging, EXPLAIN
         * samples) over the current values.
         */
        public Builder config(DbOptConfig config) {
            config.find(QueryKeys.NAME).ifPresent(this::name);
            config.find(QueryKeys.SLOW_QUERY_THRESHOLD).ifPresent(this::slowQueryThreshold);
            config.find(QueryKeys.N_PLUS_ONE_THRESHOLD).ifPresent(this::nPlusOneThreshold);
            config.find(QueryKeys.MAX_FINGERPRINTS).ifPresent(this::maxFingerprints);
            config.find(QueryKeys.CALL_SITE_SAMPLING).ifPresent(this::callSiteSampling);
            config.find(QueryKeys.LOG_PARAMETERS).ifPresent(this::logParameters);
            config.find(QueryKeys.CAPTURE_EXPLAIN_SAMPLES).ifPresent(this::captureExplainSamples);
            config.find(QueryKeys.EXCLUDE_FROM_CALL_SITES)
                    .ifPresent(prefixes -> excludeFromCallSites(prefixes.toArray(String[]::new)));
            return this;
        }

        /**
         * Records the profiler's meters ({@link QueryMeters}) through {@code value}; they stay registered until the
         * recorder is closed. Default: none.
         */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /**
         * Records the profiler's meters into a Micrometer {@code MeterRegistry} (typed {@code Object} so that
         * Micrometer stays optional); they stay registered as long as the registry, like the profiler itself.
         *
         * @throws IllegalStateException when Micrometer is not on the class path
         */
        public Builder meterRegistry(Object registry) {
            return metrics(MetricsRecorder.micrometer(registry));
        }

        /** Builds a profiler; it records nothing until a data source is {@link #instrument instrumented}. */
        public QueryProfiler build() {
            return new QueryProfiler(this);
        }
    }
}
