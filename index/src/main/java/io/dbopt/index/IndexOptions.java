package io.dbopt.index;

import io.dbopt.core.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds and limits of the index analyses, recommendations and DDL. Immutable and thread-safe; start from
 * {@link #defaults()} and change what you need with {@link #toBuilder()}, or read them from configuration with
 * {@link #from(Settings)} (keys are the builder method names, e.g. {@code dbopt.index.min-cost-reduction=0.4}).
 * Sizes are in bytes, shares between 0 and 1.
 */
public final class IndexOptions {

    private static final IndexOptions DEFAULTS = new Builder().build();

    private final String schema;
    private final Duration statementTimeout;
    private final long unusedMinBytes;
    private final long rarelyUsedScans;
    private final double bloatMinRatio;
    private final long bloatMinBytes;
    private final long seqScanMinRows;
    private final long seqScanMinCount;
    private final double minCostReduction;
    private final long trialMaxTableBytes;
    private final boolean allowTrial;
    private final boolean installHypoPg;
    private final long storageBudgetBytes;
    private final double writePenalty;
    private final int maxKeyColumns;
    private final int maxIncludeColumns;
    private final int maxRecommendations;
    private final int workloadLimit;
    private final Duration lockTimeout;
    private final Duration buildTimeout;

    private IndexOptions(Builder b) {
        this.schema = b.schema;
        this.statementTimeout = b.statementTimeout;
        this.unusedMinBytes = b.unusedMinBytes;
        this.rarelyUsedScans = b.rarelyUsedScans;
        this.bloatMinRatio = b.bloatMinRatio;
        this.bloatMinBytes = b.bloatMinBytes;
        this.seqScanMinRows = b.seqScanMinRows;
        this.seqScanMinCount = b.seqScanMinCount;
        this.minCostReduction = b.minCostReduction;
        this.trialMaxTableBytes = b.trialMaxTableBytes;
        this.allowTrial = b.allowTrial;
        this.installHypoPg = b.installHypoPg;
        this.storageBudgetBytes = b.storageBudgetBytes;
        this.writePenalty = b.writePenalty;
        this.maxKeyColumns = b.maxKeyColumns;
        this.maxIncludeColumns = b.maxIncludeColumns;
        this.maxRecommendations = b.maxRecommendations;
        this.workloadLimit = b.workloadLimit;
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
     * Options read from settings, e.g. {@code Settings.fromProperties(props, "dbopt.index.")}; keys not set keep
     * their defaults.
     *
     * @throws io.dbopt.core.DbOptException naming the key when a value cannot be parsed
     * @throws IllegalArgumentException naming the key when a value is out of range
     */
    public static IndexOptions from(Settings settings) {
        Builder b = new Builder();
        settings.string("schema").ifPresent(b::schema);
        settings.duration("statement_timeout").ifPresent(b::statementTimeout);
        settings.longValue("unused_min_bytes").ifPresent(b::unusedMinBytes);
        settings.longValue("rarely_used_scans").ifPresent(b::rarelyUsedScans);
        settings.string("bloat_min_ratio").map(v -> parseDouble("bloat_min_ratio", v)).ifPresent(b::bloatMinRatio);
        settings.longValue("bloat_min_bytes").ifPresent(b::bloatMinBytes);
        settings.longValue("seq_scan_min_rows").ifPresent(b::seqScanMinRows);
        settings.longValue("seq_scan_min_count").ifPresent(b::seqScanMinCount);
        settings.string("min_cost_reduction").map(v -> parseDouble("min_cost_reduction", v))
                .ifPresent(b::minCostReduction);
        settings.longValue("trial_max_table_bytes").ifPresent(b::trialMaxTableBytes);
        settings.bool("allow_trial").ifPresent(b::allowTrial);
        settings.bool("install_hypopg").ifPresent(b::installHypoPg);
        settings.longValue("storage_budget_bytes").ifPresent(b::storageBudgetBytes);
        settings.string("write_penalty").map(v -> parseDouble("write_penalty", v)).ifPresent(b::writePenalty);
        settings.integer("max_key_columns").ifPresent(b::maxKeyColumns);
        settings.integer("max_include_columns").ifPresent(b::maxIncludeColumns);
        settings.integer("max_recommendations").ifPresent(b::maxRecommendations);
        settings.integer("workload_limit").ifPresent(b::workloadLimit);
        settings.duration("lock_timeout").ifPresent(b::lockTimeout);
        settings.duration("build_timeout").ifPresent(b::buildTimeout);
        return b.build();
    }

    private static double parseDouble(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting " + key + " = '" + value + "' is not a number", e);
        }
    }

    /** The schema (PostgreSQL) or database (MariaDB) analysed; empty means the connection's current one. */
    public String schema() {
        return schema;
    }

    /** The longest a single catalog query or EXPLAIN may run. */
    public Duration statementTimeout() {
        return statementTimeout;
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
        private String schema = "";
        private Duration statementTimeout = Duration.ofSeconds(30);
        private long unusedMinBytes = 64 * 1024;
        private long rarelyUsedScans = 50;
        private double bloatMinRatio = 0.5;
        private long bloatMinBytes = 8L * 1024 * 1024;
        private long seqScanMinRows = 10_000;
        private long seqScanMinCount = 20;
        private double minCostReduction = 0.3;
        private long trialMaxTableBytes = 256L * 1024 * 1024;
        private boolean allowTrial = true;
        private boolean installHypoPg;
        private long storageBudgetBytes = Long.MAX_VALUE;
        private double writePenalty = 8.0;
        private int maxKeyColumns = 3;
        private int maxIncludeColumns = 3;
        private int maxRecommendations = 20;
        private int workloadLimit = 500;
        private Duration lockTimeout = Duration.ofSeconds(5);
        private Duration buildTimeout = Duration.ZERO;

        private Builder() {
        }

        private Builder(IndexOptions o) {
            schema = o.schema;
            statementTimeout = o.statementTimeout;
            unusedMinBytes = o.unusedMinBytes;
            rarelyUsedScans = o.rarelyUsedScans;
            bloatMinRatio = o.bloatMinRatio;
            bloatMinBytes = o.bloatMinBytes;
            seqScanMinRows = o.seqScanMinRows;
            seqScanMinCount = o.seqScanMinCount;
            minCostReduction = o.minCostReduction;
            trialMaxTableBytes = o.trialMaxTableBytes;
            allowTrial = o.allowTrial;
            installHypoPg = o.installHypoPg;
            storageBudgetBytes = o.storageBudgetBytes;
            writePenalty = o.writePenalty;
            maxKeyColumns = o.maxKeyColumns;
            maxIncludeColumns = o.maxIncludeColumns;
            maxRecommendations = o.maxRecommendations;
            workloadLimit = o.workloadLimit;
            lockTimeout = o.lockTimeout;
            buildTimeout = o.buildTimeout;
        }

        /** The schema or database to analyse; default: the connection's current one. */
        public Builder schema(String value) {
            this.schema = Objects.requireNonNull(value, "schema").strip();
            return this;
        }

        /** Time limit of each catalog query and EXPLAIN; default 30 s. */
        public Builder statementTimeout(Duration value) {
            this.statementTimeout = positive("statementTimeout", value);
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
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static long nonNegative(String name, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, was " + value);
            }
            return value;
        }

        private static double share(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
            }
            return value;
        }

        private static int range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was "
                        + value);
            }
            return value;
        }
    }
}
