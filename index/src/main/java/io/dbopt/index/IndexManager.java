package io.dbopt.index;

import io.dbopt.core.DbOptException;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection.Fact;
import io.dbopt.core.jdbc.DataSources;
import io.dbopt.core.jdbc.OwnedDataSource;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.index.analysis.Advisor;
import io.dbopt.index.analysis.IndexApplier;
import io.dbopt.index.analysis.IndexHealth;
import io.dbopt.index.analysis.IndexInstruments;
import io.dbopt.index.analysis.PatternAdvice;
import io.dbopt.index.analysis.Session;
import io.dbopt.index.analysis.StatementStatistics;
import io.dbopt.index.check.IndexChecks;
import io.dbopt.index.whatif.WhatIfEngines;
import io.dbopt.index.workload.ParseAhead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index module's entry point: analyses the indexes of a database, recommends new ones for a workload, and
 * creates or drops indexes safely.
 *
 * <pre>{@code
 * IndexManager indexes = IndexManager.create(config, dataSource); // or create(config): opens database.url
 * IndexReport report = indexes.analyze();                  // unused, duplicate, missing FK indexes, ...
 * Recommendations r = indexes.recommend(Workload.of(sql)); // what-if costed
 * r.recommendations().forEach(indexes::apply);             // CREATE INDEX CONCURRENTLY / online ALTER TABLE
 * }</pre>
 *
 * <p>DDL is always online ({@code CONCURRENTLY} on PostgreSQL, {@code ALGORITHM=INPLACE, LOCK=NONE} on MariaDB),
 * runs under {@link IndexOptions#lockTimeout()}, is idempotent (an index that exists with the same definition is
 * left alone), and a failed concurrent build's INVALID index is dropped before the error is thrown. The manager
 * wraps the user's {@link DataSource}, never replaces it; every call borrows one connection and returns it.
 * Thread-safe. Failures are {@link DbOptException}s with an {@link IndexErrorCode} (or a core code for connection and
 * SQL failures). {@link #close()} closes the data source only when the manager opened it ({@link #create(DbOptConfig)})
 * and removes the meters it registered through {@link Builder#meterRegistry(Object)}.
 */
public final class IndexManager implements DbOptComponent<IndexMetrics> {

    private static final Logger LOG = LoggerFactory.getLogger(IndexManager.class);

    private final DataSource dataSource;
    private final IndexOptions options;
    private final WorkloadSource workloadSource;
    private final IndexUsageAnalyzer usage;
    private final MissingIndexDetector missing;
    private final IndexRecommender recommender;
    private final IndexInstruments instruments;
    private final AutoCloseable ownedDataSource;
    private final MetricsRecorder ownedRecorder;
    private final IndexHealth health;
    private final SchemaTables.Source tables;

    private IndexManager(Builder b, DataSource dataSource, AutoCloseable ownedDataSource, MetricsRecorder recorder,
                         MetricsRecorder ownedRecorder) {
        this.dataSource = dataSource;
        this.options = b.options;
        this.ownedDataSource = ownedDataSource;
        this.ownedRecorder = ownedRecorder;
        this.instruments = new IndexInstruments(recorder);
        this.workloadSource = b.workloadSource != null ? b.workloadSource : this::captureWorkload;
        this.tables = b.tables;
        this.usage = new IndexUsageAnalyzer(dataSource, options, instruments);
        this.missing = new MissingIndexDetector(dataSource, options, instruments);
        this.recommender = new IndexRecommender(dataSource, options, instruments);
        this.health = new IndexHealth(dataSource, options);
    }

    /** A manager with default options, taking its workload from the server's statement statistics. */
    public static IndexManager create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * A manager for {@code config}'s {@code database.url}, with the {@code index.*} settings of {@code config}; it
     * owns the data source it opens (a dbopt pool when dbopt-pool is on the class path) and closes it in
     * {@link #close()}.
     *
     * @throws DbOptException when {@code database.url} is not set
     */
    public static IndexManager create(DbOptConfig config) {
        return builder().config(config).build();
    }

    /** A manager on the user's data source (never closed by the manager) with {@code config}'s index settings. */
    public static IndexManager create(DbOptConfig config, DataSource dataSource) {
        return builder(dataSource).config(config).build();
    }

    /** Starts configuring a manager on the user's data source, which the manager never closes. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Starts configuring a manager that opens its own data source from the configuration's {@code database.url}
     * ({@link Builder#config(DbOptConfig)} is required) and closes it in {@link #close()}.
     */
    public static Builder builder() {
        return new Builder(null);
    }

    @Override
    public String componentName() {
        return "index";
    }

    /** What the manager has done since it was built: analyses, checks, findings, recommendations, DDL. */
    @Override
    public IndexMetrics metrics() {
        return instruments.snapshot();
    }

    /**
     * The health of the analysed schema's indexes: DEGRADED with one finding per INVALID index (left by a failed
     * concurrent build; PostgreSQL), DOWN when the catalog cannot be read, else UP. Runs one catalog query under
     * {@link IndexOptions#healthTimeout()} on a connection borrowed from the data source, so it waits at most the
     * data source's own acquire timeout plus that bound. Never throws.
     */
    @Override
    public Health healthCheck() {
        Health h = health.check();
        instruments.health(h.status());
        return h;
    }

    /**
     * Closes the data source when the manager opened it, and removes the meters it registered when it made its own
     * recorder from a meter registry. Idempotent.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        if (ownedRecorder != null) {
            try {
                ownedRecorder.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (ownedDataSource != null) {
            try {
                ownedDataSource.close();
            } catch (Exception e) {
                DbOptException closing = new DbOptException(io.dbopt.core.CoreErrorCode.CONNECTION_FAILED,
                        "Closing the index manager's data source failed: " + e.getMessage(), e);
                if (failure != null) {
                    closing.addSuppressed(failure);
                }
                failure = closing;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The options in force. */
    public IndexOptions options() {
        return options;
    }

    /** The analyzer of existing indexes. */
    public IndexUsageAnalyzer usageAnalyzer() {
        return usage;
    }

    /** The detector of missing indexes. */
    public MissingIndexDetector missingIndexDetector() {
        return missing;
    }

    /** The recommender. */
    public IndexRecommender recommender() {
        return recommender;
    }

    /**
     * The workload as the server's statement statistics record it now: {@code pg_stat_statements} for the current
     * database, or MariaDB's {@code performance_schema} digests for the analysed schema.
     *
     * @throws DbOptException with {@link IndexErrorCode#WORKLOAD_UNAVAILABLE} when the statistics cannot be read
     */
    public Workload captureWorkload() {
        return Session.analyse(dataSource, options, "reading statement statistics",
                s -> StatementStatistics.read(s.connection(), s.dialect(), s.schema(),
                        options.workloadMinShare(), options.workloadLimit()));
    }

    /** The workload from the configured {@link WorkloadSource} (by default {@link #captureWorkload()}). */
    public Workload workload() {
        return Objects.requireNonNull(workloadSource.workload(), "the WorkloadSource returned null");
    }

    /**
     * Runs every analysis: usage checks, missing-index checks and, when the workload source yields statements,
     * unserved predicates and recommendations. A workload that cannot be read is reported as a fact, not an error.
     *
     * @throws DbOptException when the catalog cannot be read
     */
    public IndexReport analyze() {
        long start = System.nanoTime();
        try {
            IndexReport report = runAnalysis();
            instruments.recommendations(report.recommendations().recommendations().size());
            return report;
        } finally {
            instruments.analysis(System.nanoTime() - start);
        }
    }

    private IndexReport runAnalysis() {
        List<Fact> facts = new ArrayList<>();
        Workload workload;
        try {
            workload = workload();
        } catch (DbOptException e) {
            LOG.info("index - no workload for recommendations: {}", e.getMessage());
            facts.add(new Fact("workload", "unavailable: " + e.getMessage()));
            workload = Workload.empty();
        }
        Workload analysed = workload;
        return Session.analyse(dataSource, options, tables, "analysing indexes", s -> {
            // JSqlParser's first parse of the workload (cold in a one-shot run) goes on while the checks wait
            try (ParseAhead ahead = ParseAhead.start(analysed.entries().stream().map(WorkloadEntry::sql).toList(),
                    s.dialect())) {
                s.catalog().parseAhead(ahead);
                return analyse(s, analysed, facts);
            }
        });
    }

    private IndexReport analyse(Session s, Workload analysed, List<Fact> facts) throws java.sql.SQLException {
        List<String> schemas = s.checkedSchemas();
        facts.add(0, new Fact("schema", s.schema()));
        if (!schemas.equals(List.of(s.schema()))) {
            facts.add(1, new Fact("checked schemas", String.join(", ", schemas)));
        }
        facts.add(new Fact("checks", IndexChecks.all().stream().filter(c -> c.appliesTo(s.dialect()))
                .map(c -> c.id()).reduce((a, b) -> a + ", " + b).orElse("")));
        List<Finding> findings = new ArrayList<>();
        for (String schema : schemas) {
            findings.addAll(IndexUsageAnalyzer.run(s.checkContext(schema), IndexChecks.usage(), instruments));
            findings.addAll(IndexUsageAnalyzer.run(s.checkContext(schema), IndexChecks.missing(), instruments));
            findings.addAll(IndexUsageAnalyzer.run(s.checkContext(schema), IndexChecks.schema(), instruments));
        }
        findings.addAll(MissingIndexDetector.unserved(s.catalog(), analysed));
        findings.addAll(new PatternAdvice(s.connection(), s.catalog(), options).findings(analysed));
        Recommendations recommendations = Recommendations.none(WhatIfMethod.NONE, 0, java.time.Duration.ZERO);
        if (!analysed.isEmpty()) {
            recommendations = new Advisor(s.connection(), s.catalog(), options, instruments).recommend(analysed);
            facts.add(new Fact("workload", analysed.entries().size() + " statements, "
                    + recommendations.statementsAnalysed() + " analysed, " + recommendations.statementsSkipped()
                    + " skipped"));
            facts.add(new Fact("what-if method", recommendations.method().name().toLowerCase(Locale.ROOT)));
            facts.add(new Fact("estimated workload cost reduction",
                    Math.round(recommendations.workloadReduction() * 100) + " %"));
        } else if (facts.stream().noneMatch(f -> f.name().equals("workload"))) {
            facts.add(new Fact("workload", "no statements recorded"));
        }
        if (s.dialect() instanceof io.dbopt.core.PostgresDialect) {
            WhatIfEngines.HypoPgStatus hypo = WhatIfEngines.hypoPgStatus(s.connection(), s.dialect());
            facts.add(new Fact("hypopg", hypo.installed() ? "installed" : hypo.available()
                    ? "available, not installed (CREATE EXTENSION hypopg for cheaper what-if costing)"
                    : "not available (transactional trial used)"));
        }
        return new IndexReport(findings, recommendations, facts);
    }

    /** Recommends indexes for the configured workload (see {@link IndexRecommender#recommend(Workload)}). */
    public Recommendations recommend() {
        return recommender.recommend(workload());
    }

    /** Recommends indexes for the workload (see {@link IndexRecommender#recommend(Workload)}). */
    public Recommendations recommend(Workload workload) {
        return recommender.recommend(workload);
    }

    /** Estimates what dropping an index would cost the workload (see {@link IndexRecommender#whatIfDrop}). */
    public DropImpact whatIfDrop(TableName table, String index, Workload workload) {
        return recommender.whatIfDrop(table, index, workload);
    }

    /**
     * Creates a recommended index online.
     *
     * @throws DbOptException see {@link #createIndex(IndexDefinition)}
     */
    public ApplyResult apply(IndexRecommendation recommendation) {
        return createIndex(recommendation.index());
    }

    /**
     * Creates an index online, under the lock timeout. Idempotent: an index of the same name and definition is left
     * alone ({@link ApplyResult.Action#ALREADY_PRESENT}); an INVALID one of that name, left by a failed concurrent
     * build, is dropped and built again ({@link ApplyResult.Action#REBUILT_INVALID}).
     *
     * @throws DbOptException with {@link IndexErrorCode#NAME_TAKEN} when the name is used by something else,
     *     {@link IndexErrorCode#BUILD_FAILED} or {@link IndexErrorCode#LOCK_TIMEOUT} when the build fails (after
     *     dropping the INVALID index it left), {@link IndexErrorCode#NOT_FOUND} when the table does not exist,
     *     {@link io.dbopt.core.InvalidIdentifierException} when the name is too long for the server
     */
    public ApplyResult createIndex(IndexDefinition index) {
        Objects.requireNonNull(index, "index");
        return ddl("create", () -> Session.run(dataSource, options, "creating an index on " + index.table(),
                s -> new IndexApplier(s).create(index)));
    }

    /**
     * Drops an index online under the lock timeout; an index that does not exist is reported as
     * {@link ApplyResult.Action#ABSENT}.
     *
     * @throws DbOptException with {@link IndexErrorCode#CONSTRAINT_OWNED} when a constraint owns or needs the index
     */
    public ApplyResult dropIndex(TableName table, String index) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        return ddl("drop", () -> Session.run(dataSource, options, "dropping index " + index,
                s -> new IndexApplier(s).drop(table, index)));
    }

    /**
     * Drops every INVALID index of the schema (PostgreSQL; left by failed concurrent builds), except those a build is
     * working on right now. Returns nothing on MariaDB, where a failed build leaves nothing behind.
     */
    public List<ApplyResult> dropInvalidIndexes() {
        long start = System.nanoTime();
        try {
            List<ApplyResult> results = Session.run(dataSource, options, "dropping invalid indexes",
                    s -> new IndexApplier(s).dropInvalid());
            results.forEach(r -> instruments.ddl("drop", r, 0));
            return results;
        } catch (RuntimeException e) {
            instruments.ddlFailed("drop", System.nanoTime() - start);
            throw e;
        }
    }

    /**
     * Hides an index from the optimizer for every session, or shows it again (MariaDB 10.6+ {@code IGNORED}): a
     * reversible step before a drop, to watch for regressions.
     *
     * @throws io.dbopt.core.UnsupportedDatabaseException on PostgreSQL, which has no such switch
     */
    public ApplyResult setIgnored(TableName table, String index, boolean ignored) {
        return ddl("visibility", () -> Session.run(dataSource, options, "changing the visibility of index " + index,
                s -> new IndexApplier(s).setIgnored(table, index, ignored)));
    }

    private ApplyResult ddl(String operation, Supplier<ApplyResult> work) {
        long start = System.nanoTime();
        try {
            ApplyResult result = work.get();
            instruments.ddl(operation, result, System.nanoTime() - start);
            return result;
        } catch (RuntimeException e) {
            instruments.ddlFailed(operation, System.nanoTime() - start);
            throw e;
        }
    }

    /**
     * Configures an {@link IndexManager}; not thread-safe. Each {@link #build()} makes a new manager (which opens its
     * own data source when the builder has none).
     */
    public static final class Builder {
        private final DataSource dataSource;
        private DbOptConfig config;
        private IndexOptions options = IndexOptions.defaults();
        private WorkloadSource workloadSource;
        private MetricsRecorder metrics;
        private Object meterRegistry;
        private SchemaTables.Source tables = SchemaTables.Source.fresh();

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Takes the {@code index.*} settings of {@code config} ({@link IndexKeys}) over the current options, and its
         * {@code database.url} when the builder was started without a data source.
         */
        public Builder config(DbOptConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            this.options = options.toBuilder().config(value).build();
            return this;
        }

        /** Thresholds and limits; default {@link IndexOptions#defaults()} (the {@link IndexKeys} defaults). */
        public Builder options(IndexOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** Where the manager's meters go ({@link IndexMeters}); default {@link MetricsRecorder#noop()}. */
        public Builder metrics(MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            this.meterRegistry = null;
            return this;
        }

        /**
         * Records the manager's meters into a Micrometer {@code MeterRegistry} (typed {@code Object} so that this
         * class loads without Micrometer); the meters are removed when the manager is closed.
         */
        public Builder meterRegistry(Object registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            this.metrics = null;
            return this;
        }

        /**
         * Where {@link #analyze()} and {@link #recommend()} take their workload from, e.g. a query profiler;
         * default: the server's statement statistics.
         */
        public Builder workloadSource(WorkloadSource value) {
            this.workloadSource = Objects.requireNonNull(value, "workloadSource");
            return this;
        }

        /**
         * Where {@link #analyze()}'s MariaDB checks take {@code information_schema.TABLES} from (one read per analysis
         * by default): the doctor hands its run's shared read ({@code DoctorContext.tables()}), which its size chart
         * and Health section read too.
         */
        public Builder schemaTables(SchemaTables.Source value) {
            this.tables = Objects.requireNonNull(value, "schemaTables");
            return this;
        }

        /** A fixed workload, e.g. the statements an application is known to run. */
        public Builder workload(Workload value) {
            Objects.requireNonNull(value, "workload");
            return workloadSource(() -> value);
        }

        /**
         * Builds the manager.
         *
         * @throws DbOptException when the builder has no data source and the configuration no {@code database.url}
         */
        public IndexManager build() {
            MetricsRecorder ownedRecorder = meterRegistry != null ? MetricsRecorder.micrometer(meterRegistry) : null;
            MetricsRecorder recorder = ownedRecorder != null ? ownedRecorder
                    : metrics != null ? metrics : MetricsRecorder.noop();
            if (dataSource != null) {
                return new IndexManager(this, dataSource, null, recorder, ownedRecorder);
            }
            if (config == null) {
                throw new IllegalStateException("IndexManager.builder() without a data source needs config(...) with "
                        + "database.url, or use IndexManager.builder(dataSource)");
            }
            OwnedDataSource owned = DataSources.open(config);
            return new IndexManager(this, owned, owned, recorder, ownedRecorder);
        }
    }
}
