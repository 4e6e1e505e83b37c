package io.dbopt.index;

import io.dbopt.core.DbOptException;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection.Fact;
import io.dbopt.index.check.IndexChecks;
import io.dbopt.index.whatif.WhatIfEngines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index module's entry point: analyses the indexes of a database, recommends new ones for a workload, and
 * creates or drops indexes safely.
 *
 * <pre>{@code
 * IndexManager indexes = IndexManager.create(dataSource);
 * IndexReport report = indexes.analyze();                  // unused, duplicate, missing FK indexes, ...
 * Recommendations r = indexes.recommend(Workload.of(sql)); // what-if costed
 * r.recommendations().forEach(indexes::apply);             // CREATE INDEX CONCURRENTLY / online ALTER TABLE
 * }</pre>
 *
 * <p>DDL is always online ({@code CONCURRENTLY} on PostgreSQL, {@code ALGORITHM=INPLACE, LOCK=NONE} on MariaDB),
 * runs under {@link IndexOptions#lockTimeout()}, is idempotent (an index that exists with the same definition is
 * left alone), and a failed concurrent build's INVALID index is dropped before the error is thrown. The manager
 * wraps the user's {@link DataSource}, never replaces it; every call borrows one connection and returns it.
 * Immutable and thread-safe. Failures are {@link DbOptException}s with an {@link IndexErrorCode} (or a core code for
 * connection and SQL failures).
 */
public final class IndexManager {

    private static final Logger LOG = LoggerFactory.getLogger(IndexManager.class);

    private final DataSource dataSource;
    private final IndexOptions options;
    private final WorkloadSource workloadSource;
    private final IndexUsageAnalyzer usage;
    private final MissingIndexDetector missing;
    private final IndexRecommender recommender;

    private IndexManager(Builder b) {
        this.dataSource = b.dataSource;
        this.options = b.options;
        this.workloadSource = b.workloadSource != null ? b.workloadSource : this::captureWorkload;
        this.usage = new IndexUsageAnalyzer(dataSource, options);
        this.missing = new MissingIndexDetector(dataSource, options);
        this.recommender = new IndexRecommender(dataSource, options);
    }

    /** A manager with default options, taking its workload from the server's statement statistics. */
    public static IndexManager create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** Starts configuring a manager. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
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
        return Session.run(dataSource, options, "reading statement statistics",
                s -> StatementStatistics.read(s.connection(), s.dialect(), s.schema(), options.workloadLimit()));
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
        return Session.run(dataSource, options, "analysing indexes", s -> {
            facts.add(0, new Fact("schema", s.schema()));
            facts.add(new Fact("checks", IndexChecks.all().stream().filter(c -> c.appliesTo(s.dialect()))
                    .map(c -> c.id()).reduce((a, b) -> a + ", " + b).orElse("")));
            List<Finding> findings = new ArrayList<>(IndexUsageAnalyzer.run(s.checkContext(), IndexChecks.usage()));
            findings.addAll(IndexUsageAnalyzer.run(s.checkContext(), IndexChecks.missing()));
            findings.addAll(MissingIndexDetector.unserved(s.catalog(), analysed));
            Recommendations recommendations = Recommendations.none(WhatIfMethod.NONE, 0, java.time.Duration.ZERO);
            if (!analysed.isEmpty()) {
                recommendations = new Advisor(s.connection(), s.catalog(), options).recommend(analysed);
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
        });
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
        return Session.run(dataSource, options, "creating an index on " + index.table(),
                s -> new IndexApplier(s).create(index));
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
        return Session.run(dataSource, options, "dropping index " + index, s -> new IndexApplier(s).drop(table, index));
    }

    /**
     * Drops every INVALID index of the schema (PostgreSQL; left by failed concurrent builds), except those a build is
     * working on right now. Returns nothing on MariaDB, where a failed build leaves nothing behind.
     */
    public List<ApplyResult> dropInvalidIndexes() {
        return Session.run(dataSource, options, "dropping invalid indexes", s -> new IndexApplier(s).dropInvalid());
    }

    /**
     * Hides an index from the optimizer for every session, or shows it again (MariaDB 10.6+ {@code IGNORED}): a
     * reversible step before a drop, to watch for regressions.
     *
     * @throws io.dbopt.core.UnsupportedDatabaseException on PostgreSQL, which has no such switch
     */
    public ApplyResult setIgnored(TableName table, String index, boolean ignored) {
        return Session.run(dataSource, options, "changing the visibility of index " + index,
                s -> new IndexApplier(s).setIgnored(table, index, ignored));
    }

    /** Configures an {@link IndexManager}; not thread-safe, {@link #build()} may be called more than once. */
    public static final class Builder {
        private final DataSource dataSource;
        private IndexOptions options = IndexOptions.defaults();
        private WorkloadSource workloadSource;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Thresholds and limits; default {@link IndexOptions#defaults()}. */
        public Builder options(IndexOptions value) {
            this.options = Objects.requireNonNull(value, "options");
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

        /** A fixed workload, e.g. the statements an application is known to run. */
        public Builder workload(Workload value) {
            Objects.requireNonNull(value, "workload");
            return workloadSource(() -> value);
        }

        /** Builds the manager. */
        public IndexManager build() {
            return new IndexManager(this);
        }
    }
}
