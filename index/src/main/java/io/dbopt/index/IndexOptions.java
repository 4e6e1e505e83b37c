package io.dbopt.index;

import io.dbopt.core.Checks;
import io.dbopt.core.config.DbOptConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Thresholds and limits of the index analyses, recommendations and DDL. Immutable and thread-safe; start from
 * {@link #defaults()} and change what you need with {@link #toBuilder()}, or read them from configuration with
 * {@link #from(DbOptConfig)} (keys in {@link IndexKeys}, e.g. {@code index.min_cost_reduction=0.4}); every default
 * is the key's default. Sizes are in bytes, shares between 0 and 1.
 */
public final class IndexOptions {

    private static final IndexOptions DEFAULTS = new Builder().build();

    private final String schema;
    private final List<String> schemas;
    private final Duration statementTimeout;
    private final Duration healthTimeout;
    private final long unusedMinBytes;
    private final long rarelyUsedScans;
    private final double bloatMinRatio;
    private final long bloatMinBytes;
    private final long seqScanMinRows;
    private final long seqScanMinCount;
    private final double minCostReduction;
    private final double sequenceUsedShare;
    private final long trialMaxTableBytes;
    private final boolean allowTrial;
    private final boolean installHypoPg;
    private final long storageBudgetBytes;
    private final double writePenalty;
    private final int maxKeyColumns;
    private final int maxIncludeColumns;
    private final int maxRecommendations;
    private final int workloadLimit;
    private final double workloadMinShare;
    private final Duration lockTimeout;
    private final Duration buildTimeout;

    private IndexOptions(Builder b) {
        this.schema = b.schema;
        this.schemas = b.schemas;
        this.statementTimeout = b.statementTimeout;
        this.healthTimeout = b.healthTimeout;
        this.unusedMinBytes = b.unusedMinBytes;
        this.rarelyUsedScans = b.rarelyUsedScans;
        this.bloatMinRatio = b.bloatMinRatio;
        this.bloatMinBytes = b.bloatMinBytes;
        this.seqScanMinRows = b.seqScanMinRows;
        this.seqScanMinCount = b.seqScanMinCount;
        this.minCostReduction = b.minCostReduction;
        this.sequenceUsedShare = b.sequenceUsedShare;
        this.trialMaxTableBytes = b.trialMaxTableBytes;
        this.allowTrial = b.allowTrial;
        this.installHypoPg = b.installHypoPg;
        this.storageBudgetBytes = b.storageBudgetBytes;
        this.writePenalty = b.writePenalty;
        this.maxKeyColumns = b.maxKeyColumns;
        this.maxIncludeColumns = b.maxIncludeColumns;
        this.maxRecommendations = b.maxRecommendations;
        this.workloadLimit = b.workloadLimit;
        this.workloadMinShare = b.workloadMinShare;
        this.lockTimeout = b.lockTimeout;
        this.buildTimeout = b.buildTimeout;
    }

    /** The defaults described on each builder method. */
    public static IndexOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Options read from a configuration's {@code index.*} keys ({@link IndexKeys}); keys not set keep their defaults.
     * The configuration checked every value when it was built.
     */
    public static IndexOptions from(DbOptConfig config) {
        return builder().config(config).build();
    }

    /** The schema (PostgreSQL) or database (MariaDB) analysed; empty means the connection's current one. */
    public String schema() {
        return schema;
    }

    /**
     * The schemas the catalog checks examine when {@link #schema()} is empty; empty means every schema of the database
     * (PostgreSQL) or the current database (MariaDB).
     */
    public List<String> schemas() {
        return schemas;
    }

    /** The longest a single catalog query or EXPLAIN may run. */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** The longest the catalog query behind {@link IndexManager#healthCheck()} may run. */
    public Duration healthTimeout() {
        return healthTimeout;
    }

    /** Unused indexes smaller than this are not reported. */
    public long unusedMinBytes() {
        return unusedMinBytes;
    }

    /** Indexes scanned fewer times than this (but at least once) are reported as rarely used. */
    public long rarelyUsedScans() {
        return rarelyUsedScans;
    }

    /** The estimated share of an index that must be bloat for it to be reported. */
    public double bloatMinRatio() {
        return bloatMinRatio;
    }

    /** Indexes with less estimated bloat than this are not reported. */
    public long bloatMinBytes() {
        return bloatMinBytes;
    }

    /** A table is reported for sequential scans when they read at least this many rows on average. */
    public long seqScanMinRows() {
        return seqScanMinRows;
    }

    /** ... and when it was scanned sequentially at least this many times. */
    public long seqScanMinCount() {
        return seqScanMinCount;
    }

    /** Share of its range a sequence or AUTO_INCREMENT column must have used to be reported. */
    public double sequenceUsedShare() {
        return sequenceUsedShare;
    }

    /** A candidate index is kept only when it lowers some query's estimated cost by at least this share. */
    public double minCostReduction() {
        return minCostReduction;
    }

    /** The transactional trial (PostgreSQL without HypoPG) is refused on tables larger than this. */
    public long trialMaxTableBytes() {
        return trialMaxTableBytes;
    }

    /** Whether the transactional trial (real index build or drop inside a rolled-back transaction) may run. */
    public boolean allowTrial() {
        return allowTrial;
    }

    /** Whether dbopt may run {@code CREATE EXTENSION IF NOT EXISTS hypopg} when the extension is available. */
    public boolean installHypoPg() {
        return installHypoPg;
    }

    /** The most space all recommended indexes together may take. */
    public long storageBudgetBytes() {
        return storageBudgetBytes;
    }

    /** The estimated cost of maintaining one index entry per write statement, in plan cost units. */
    public double writePenalty() {
        return writePenalty;
    }

    /** The most key columns of a recommended index. */
    public int maxKeyColumns() {
        return maxKeyColumns;
    }

    /** The most covering ({@code INCLUDE}) columns of a recommended index. */
    public int maxIncludeColumns() {
        return maxIncludeColumns;
    }

    /** The most recommendations returned. */
    public int maxRecommendations() {
        return maxRecommendations;
    }

    /** How many statements (by total time) are read from the server's statement statistics. */
    public int workloadLimit() {
        return workloadLimit;
    }

    /** A statement is read from the statistics when its share of their total time is at least this. */
    public double workloadMinShare() {
        return workloadMinShare;
    }

    /** How long DDL waits for its lock before failing ({@code lock_timeout}, {@code lock_wait_timeout}). */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** The longest an index build may run; {@link Duration#ZERO} means no limit. */
    public Duration buildTimeout() {
        return buildTimeout;
    }

    @Override
    public String toString() {
        return "IndexOptions[schema=" + (schema.isEmpty() ? "(current)" : schema) + ", unusedMinBytes="
                + unusedMinBytes + ", minCostReduction=" + minCostReduction + ", trialMaxTableBytes="
                + trialMaxTableBytes + ", storageBudgetBytes=" + storageBudgetBytes + ", lockTimeout=" + lockTimeout
                + "]";
    }

    /** Builds {@link IndexOptions}; every setter validates at once and names the bad value. Not thread-safe. */
    public static final class Builder {
        private String schema = IndexKeys.SCHEMA.defaultValue().orElseThrow();
        private List<String> schemas = IndexKeys.SCHEMAS.defaultValue().orElseThrow();
        private Duration statementTimeout = IndexKeys.STATEMENT_TIMEOUT.defaultValue().orElseThrow();
        private Duration healthTimeout = IndexKeys.HEALTH_TIMEOUT.defaultValue().orElseThrow();
        private long unusedMinBytes = IndexKeys.UNUSED_MIN_BYTES.defaultValue().orElseThrow();
        private long rarelyUsedScans = IndexKeys.RARELY_USED_SCANS.defaultValue().orElseThrow();
        private double bloatMinRatio = IndexKeys.BLOAT_MIN_RATIO.defaultValue().orElseThrow();
        private long bloatMinBytes = IndexKeys.BLOAT_MIN_BYTES.defaultValue().orElseThrow();
        private long seqScanMinRows = IndexKeys.SEQ_SCAN_MIN_ROWS.defaultValue().orElseThrow();
        private long seqScanMinCount = IndexKeys.SEQ_SCAN_MIN_COUNT.defaultValue().orElseThrow();
        private double minCostReduction = IndexKeys.MIN_COST_REDUCTION.defaultValue().orElseThrow();
        private double sequenceUsedShare = IndexKeys.SEQUENCE_USED_SHARE.defaultValue().orElseThrow();
        private long trialMaxTableBytes = IndexKeys.TRIAL_MAX_TABLE_BYTES.defaultValue().orElseThrow();
        private boolean allowTrial = IndexKeys.ALLOW_TRIAL.defaultValue().orElseThrow();
        private boolean installHypoPg = IndexKeys.INSTALL_HYPOPG.defaultValue().orElseThrow();
        private long storageBudgetBytes = IndexKeys.STORAGE_BUDGET_BYTES.defaultValue().orElseThrow();
        private double writePenalty = IndexKeys.WRITE_PENALTY.defaultValue().orElseThrow();
        private int maxKeyColumns = IndexKeys.MAX_KEY_COLUMNS.defaultValue().orElseThrow();
        private int maxIncludeColumns = IndexKeys.MAX_INCLUDE_COLUMNS.defaultValue().orElseThrow();
        private int maxRecommendations = IndexKeys.MAX_RECOMMENDATIONS.defaultValue().orElseThrow();
        private int workloadLimit = IndexKeys.WORKLOAD_LIMIT.defaultValue().orElseThrow();
        private double workloadMinShare = IndexKeys.WORKLOAD_MIN_SHARE.defaultValue().orElseThrow();
        private Duration lockTimeout = IndexKeys.LOCK_TIMEOUT.defaultValue().orElseThrow();
        private Duration buildTimeout = IndexKeys.BUILD_TIMEOUT.defaultValue().orElseThrow();

        private Builder() {
        }

        private Builder(IndexOptions o) {
            schema = o.schema;
            schemas = o.schemas;
            statementTimeout = o.statementTimeout;
            healthTimeout = o.healthTimeout;
            unusedMinBytes = o.unusedMinBytes;
            rarelyUsedScans = o.rarelyUsedScans;
            bloatMinRatio = o.bloatMinRatio;
            bloatMinBytes = o.bloatMinBytes;
            seqScanMinRows = o.seqScanMinRows;
            seqScanMinCount = o.seqScanMinCount;
            minCostReduction = o.minCostReduction;
            sequenceUsedShare = o.sequenceUsedShare;
            trialMaxTableBytes = o.trialMaxTableBytes;
            allowTrial = o.allowTrial;
            installHypoPg = o.installHypoPg;
            storageBudgetBytes = o.storageBudgetBytes;
            writePenalty = o.writePenalty;
            maxKeyColumns = o.maxKeyColumns;
            maxIncludeColumns = o.maxIncludeColumns;
            maxRecommendations = o.maxRecommendations;
            workloadLimit = o.workloadLimit;
            workloadMinShare = o.workloadMinShare;
            lockTimeout = o.lockTimeout;
            buildTimeout = o.buildTimeout;
        }

        /** Takes every {@code index.*} key set in {@code config} ({@link IndexKeys}); keys not set stay as they are. */
        public Builder config(DbOptConfig config) {
            Objects.requireNonNull(config, "config");
            config.find(IndexKeys.SCHEMA).ifPresent(this::schema);
            config.find(IndexKeys.SCHEMAS).ifPresent(this::schemas);
            config.find(IndexKeys.STATEMENT_TIMEOUT).ifPresent(this::statementTimeout);
            config.find(IndexKeys.HEALTH_TIMEOUT).ifPresent(this::healthTimeout);
            config.find(IndexKeys.UNUSED_MIN_BYTES).ifPresent(this::unusedMinBytes);
            config.find(IndexKeys.RARELY_USED_SCANS).ifPresent(this::rarelyUsedScans);
            config.find(IndexKeys.BLOAT_MIN_RATIO).ifPresent(this::bloatMinRatio);
            config.find(IndexKeys.BLOAT_MIN_BYTES).ifPresent(this::bloatMinBytes);
            config.find(IndexKeys.SEQ_SCAN_MIN_ROWS).ifPresent(this::seqScanMinRows);
            config.find(IndexKeys.SEQ_SCAN_MIN_COUNT).ifPresent(this::seqScanMinCount);
            config.find(IndexKeys.MIN_COST_REDUCTION).ifPresent(this::minCostReduction);
            config.find(IndexKeys.SEQUENCE_USED_SHARE).ifPresent(this::sequenceUsedShare);
            config.find(IndexKeys.TRIAL_MAX_TABLE_BYTES).ifPresent(this::trialMaxTableBytes);
            config.find(IndexKeys.ALLOW_TRIAL).ifPresent(this::allowTrial);
            config.find(IndexKeys.INSTALL_HYPOPG).ifPresent(this::installHypoPg);
            config.find(IndexKeys.STORAGE_BUDGET_BYTES).ifPresent(this::storageBudgetBytes);
            config.find(IndexKeys.WRITE_PENALTY).ifPresent(this::writePenalty);
            config.find(IndexKeys.MAX_KEY_COLUMNS).ifPresent(this::maxKeyColumns);
            config.find(IndexKeys.MAX_INCLUDE_COLUMNS).ifPresent(this::maxIncludeColumns);
            config.find(IndexKeys.MAX_RECOMMENDATIONS).ifPresent(this::maxRecommendations);
            config.find(IndexKeys.WORKLOAD_LIMIT).ifPresent(this::workloadLimit);
            config.find(IndexKeys.WORKLOAD_MIN_SHARE).ifPresent(this::workloadMinShare);
            config.find(IndexKeys.LOCK_TIMEOUT).ifPresent(this::lockTimeout);
            config.find(IndexKeys.BUILD_TIMEOUT).ifPresent(this::buildTimeout);
            return this;
        }

        /** The schema or database to analyse; default: the connection's current one. */
        public Builder schema(String value) {
            this.schema = Objects.requireNonNull(value, "schema").strip();
            return this;
        }

        /** The schemas the catalog checks examine when no single schema is set; default every one (PostgreSQL). */
        public Builder schemas(List<String> value) {
            this.schemas = List.copyOf(Objects.requireNonNull(value, "schemas"));
            return this;
        }

        /** Time limit of each catalog query and EXPLAIN; default 30 s. */
        public Builder statementTimeout(Duration value) {
            this.statementTimeout = positive("statementTimeout", value);
            return this;
        }

        /** Time limit of the health check's catalog query; default 5 s. */
        public Builder healthTimeout(Duration value) {
            this.healthTimeout = positive("healthTimeout", value);
            return this;
        }

        /** Minimum size of a reported unused or rarely used index; default 64 KiB. */
        public Builder unusedMinBytes(long value) {
            this.unusedMinBytes = nonNegative("unusedMinBytes", value);
            return this;
        }

        /** Scan count under which a used index counts as rarely used; default 50. */
        public Builder rarelyUsedScans(long value) {
            this.rarelyUsedScans = nonNegative("rarelyUsedScans", value);
            return this;
        }

        /** Minimum estimated bloat share of a reported index; default 0.5. */
        public Builder bloatMinRatio(double value) {
            this.bloatMinRatio = share("bloatMinRatio", value);
            return this;
        }

        /** Minimum estimated bloat of a reported index; default 8 MiB. */
        public Builder bloatMinBytes(long value) {
            this.bloatMinBytes = nonNegative("bloatMinBytes", value);
            return this;
        }

        /** Average rows per sequential scan from which a table is reported; default 10,000. */
        public Builder seqScanMinRows(long value) {
            this.seqScanMinRows = nonNegative("seqScanMinRows", value);
            return this;
        }

        /** Number of sequential scans from which a table is reported; default 20. */
        public Builder seqScanMinCount(long value) {
            this.seqScanMinCount = nonNegative("seqScanMinCount", value);
            return this;
        }

        /** Share of its range a sequence must have used to be reported; default 0.75. */
        public Builder sequenceUsedShare(double value) {
            this.sequenceUsedShare = share("sequenceUsedShare", value);
            return this;
        }

        /** Share by which a candidate must lower a query's estimated cost; default 0.3 (Dexter uses 0.5). */
        public Builder minCostReduction(double value) {
            this.minCostReduction = share("minCostReduction", value);
            return this;
        }

        /** Largest table the transactional trial may build an index on; default 256 MiB. */
        public Builder trialMaxTableBytes(long value) {
            this.trialMaxTableBytes = nonNegative("trialMaxTableBytes", value);
            return this;
        }

        /** Whether the transactional trial may run; default true. */
        public Builder allowTrial(boolean value) {
            this.allowTrial = value;
            return this;
        }

        /** Whether dbopt may install HypoPG in the database when it is available; default false. */
        public Builder installHypoPg(boolean value) {
            this.installHypoPg = value;
            return this;
        }

        /** Space all recommended indexes together may take; default unlimited. */
        public Builder storageBudgetBytes(long value) {
            this.storageBudgetBytes = nonNegative("storageBudgetBytes", value);
            return this;
        }

        /** Cost units charged per index per write statement on the table; default 8. */
        public Builder writePenalty(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("writePenalty must be a finite number >= 0, was " + value);
            }
            this.writePenalty = value;
            return this;
        }

        /** Most key columns of a recommended index, 1 to 8; default 3. */
        public Builder maxKeyColumns(int value) {
            this.maxKeyColumns = range("maxKeyColumns", value, 1, 8);
            return this;
        }

        /** Most INCLUDE columns of a recommended index, 0 to 8; default 3. */
        public Builder maxIncludeColumns(int value) {
            this.maxIncludeColumns = range("maxIncludeColumns", value, 0, 8);
            return this;
        }

        /** Most recommendations returned, 1 to 1000; default 20. */
        public Builder maxRecommendations(int value) {
            this.maxRecommendations = range("maxRecommendations", value, 1, 1000);
            return this;
        }

        /** Statements read from statement statistics, 1 to 10,000; default 500. */
        public Builder workloadLimit(int value) {
            this.workloadLimit = range("workloadLimit", value, 1, 10_000);
            return this;
        }

        /** Share of total statement time from which a statement is read; default 0.001. */
        public Builder workloadMinShare(double value) {
            this.workloadMinShare = share("workloadMinShare", value);
            return this;
        }

        /** How long DDL waits for its lock; default 5 s. */
        public Builder lockTimeout(Duration value) {
            this.lockTimeout = positive("lockTimeout", value);
            return this;
        }

        /** Longest an index build may run, {@link Duration#ZERO} for no limit; default no limit. */
        public Builder buildTimeout(Duration value) {
            Objects.requireNonNull(value, "buildTimeout");
            if (value.isNegative()) {
                throw new IllegalArgumentException("buildTimeout must be >= 0, was " + value);
            }
            this.buildTimeout = value;
            return this;
        }

        /** Builds the options. */
        public IndexOptions build() {
            return new IndexOptions(this);
        }

        private static Duration positive(String name, Duration value) {
            return Checks.positive(name, value);
        }

        private static long nonNegative(String name, long value) {
            return Checks.notNegative(name, value);
        }

        private static double share(String name, double value) {
            return Checks.inRange(name, value, 0, 1);
        }

        private static int range(String name, int value, int min, int max) {
            return Checks.inRange(name, value, min, max);
        }
    }
}
