package io.dbopt.index;

import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.ConfigSchema;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every setting of the index module ({@code index.*}), read from {@link io.dbopt.core.config.DbOptConfig} by
 * {@link IndexOptions.Builder#config(io.dbopt.core.config.DbOptConfig)} and {@link IndexManager#create}. The defaults
 * here are the only ones: {@link IndexOptions#defaults()} is built from them. Sizes are bytes, shares between 0 and 1.
 * Stateless; found by {@link java.util.ServiceLoader}.
 */
public final class IndexKeys implements ConfigSchema {

    /** The schema (PostgreSQL) or database (MariaDB) analysed; empty means the connection's current one. */
    public static final ConfigKey<String> SCHEMA = ConfigKey.string("index.schema").defaultValue("")
            .defaultText("(the connection's current schema)")
            .description("The schema (PostgreSQL) or database (MariaDB) whose indexes are analysed; when set, the "
                    + "catalog checks examine only it.")
            .build();

    /** The schemas the catalog checks examine when {@link #SCHEMA} is not set. */
    public static final ConfigKey<List<String>> SCHEMAS = ConfigKey.list("index.schemas").defaultValue(List.of())
            .defaultText("(every schema of the database on PostgreSQL; the current database on MariaDB)")
            .description("The schemas (PostgreSQL) or databases (MariaDB) the catalog checks examine when "
                    + "index.schema is not set; recommendations are for the analysed schema.")
            .build();

    /** Time limit of each catalog query and EXPLAIN. */
    public static final ConfigKey<Duration> STATEMENT_TIMEOUT = ConfigKey
            .duration("index.statement_timeout", ChronoUnit.SECONDS).defaultValue(Duration.ofSeconds(30)).positive()
            .description("Time limit of each catalog query and EXPLAIN the index module runs.")
            .build();

    /** Time limit of the catalog query behind {@link IndexManager#healthCheck()}. */
    public static final ConfigKey<Duration> HEALTH_TIMEOUT = ConfigKey
            .duration("index.health_timeout", ChronoUnit.SECONDS).defaultValue(Duration.ofSeconds(5)).positive()
            .description("Time limit of the catalog query behind IndexManager.healthCheck(); past it the check "
                    + "answers DOWN.")
            .build();

    /** Unused and rarely used indexes smaller than this are grouped at low severity. */
    public static final ConfigKey<Long> UNUSED_MIN_BYTES = ConfigKey.bytes("index.unused_min_bytes")
            .defaultValue(64L * 1024).defaultText("64KB").notNegative()
            .description("Unused or rarely used indexes smaller than this are reported at INFO (grouped), not at "
                    + "WARNING.")
            .build();

    /** Scan count under which a used index counts as rarely used. */
    public static final ConfigKey<Long> RARELY_USED_SCANS = ConfigKey.longValue("index.rarely_used_scans")
            .defaultValue(50L).notNegative()
            .description("Indexes scanned fewer times than this (but at least once) are reported as rarely used.")
            .build();

    /** Share of an index that must be bloat for it to be reported. */
    public static final ConfigKey<Double> BLOAT_MIN_RATIO = ConfigKey.decimal("index.bloat_min_ratio")
            .defaultValue(0.5).range(0.0, 1.0)
            .description("Estimated share of an index that must be bloat for it to be reported at WARNING (below: "
                    + "INFO).")
            .build();

    /** Bloat below this is not reported. */
    public static final ConfigKey<Long> BLOAT_MIN_BYTES = ConfigKey.bytes("index.bloat_min_bytes")
            .defaultValue(8L * 1024 * 1024).defaultText("8MB").notNegative()
            .description("Indexes with less estimated bloat than this are reported at INFO, not at WARNING.")
            .build();

    /** Average rows per sequential scan from which a table is reported. */
    public static final ConfigKey<Long> SEQ_SCAN_MIN_ROWS = ConfigKey.longValue("index.seq_scan_min_rows")
            .defaultValue(10_000L).notNegative()
            .description("A table is reported for sequential scans when they read at least this many rows on average.")
            .build();

    /** Number of sequential scans from which a table is reported. */
    public static final ConfigKey<Long> SEQ_SCAN_MIN_COUNT = ConfigKey.longValue("index.seq_scan_min_count")
            .defaultValue(20L).notNegative()
            .description("... and when it was scanned sequentially at least this many times.")
            .build();

    /** Share of its range a sequence or AUTO_INCREMENT column must have used to be reported. */
    public static final ConfigKey<Double> SEQUENCE_USED_SHARE = ConfigKey.decimal("index.sequence_used_share")
            .defaultValue(0.75).range(0.0, 1.0)
            .description("A sequence (PostgreSQL) or AUTO_INCREMENT column (MariaDB) is reported once it has used "
                    + "this share of its type's range; ERROR from 0.9, CRITICAL from 0.98.")
            .build();

    /** Share by which a candidate must lower some statement's estimated cost. */
    public static final ConfigKey<Double> MIN_COST_REDUCTION = ConfigKey.decimal("index.min_cost_reduction")
            .defaultValue(0.3).range(0.0, 1.0)
            .description("A candidate index is kept only when it lowers some statement's estimated cost by at least "
                    + "this share (Dexter uses 0.5).")
            .build();

    /** Largest table the transactional trial may build an index on. */
    public static final ConfigKey<Long> TRIAL_MAX_TABLE_BYTES = ConfigKey.bytes("index.trial_max_table_bytes")
            .defaultValue(256L * 1024 * 1024).defaultText("256MB").notNegative()
            .description("The transactional what-if trial (PostgreSQL without HypoPG) is refused on tables larger "
                    + "than this.")
            .build();

    /** Whether the transactional trial may run. */
    public static final ConfigKey<Boolean> ALLOW_TRIAL = ConfigKey.bool("index.allow_trial").defaultValue(true)
            .description("Whether the transactional trial (a real index build or drop inside a rolled-back "
                    + "transaction) may run.")
            .build();

    /** Whether dbopt may install HypoPG. */
    public static final ConfigKey<Boolean> INSTALL_HYPOPG = ConfigKey.bool("index.install_hypopg").defaultValue(false)
            .description("Whether dbopt may run CREATE EXTENSION IF NOT EXISTS hypopg when the extension is "
                    + "available.")
            .build();

    /** Space all recommended indexes together may take. */
    public static final ConfigKey<Long> STORAGE_BUDGET_BYTES = ConfigKey.bytes("index.storage_budget_bytes")
            .defaultValue(Long.MAX_VALUE).defaultText("(unlimited)").notNegative()
            .description("The most space all recommended indexes together may take.")
            .build();

    /** Cost units charged per index per write statement. */
    public static final ConfigKey<Double> WRITE_PENALTY = ConfigKey.decimal("index.write_penalty")
            .defaultValue(8.0).range(0.0, 1e9)
            .description("Estimated cost of maintaining one index entry per write statement, in plan cost units.")
            .build();

    /** Most key columns of a recommended index. */
    public static final ConfigKey<Integer> MAX_KEY_COLUMNS = ConfigKey.integer("index.max_key_columns")
            .defaultValue(3).range(1, 8)
            .description("The most key columns of a recommended index.")
            .build();

    /** Most INCLUDE columns of a recommended index. */
    public static final ConfigKey<Integer> MAX_INCLUDE_COLUMNS = ConfigKey.integer("index.max_include_columns")
            .defaultValue(3).range(0, 8)
            .description("The most covering (INCLUDE) columns of a recommended index.")
            .build();

    /** Most recommendations returned. */
    public static final ConfigKey<Integer> MAX_RECOMMENDATIONS = ConfigKey.integer("index.max_recommendations")
            .defaultValue(20).range(1, 1000)
            .description("The most recommendations returned.")
            .build();

    /** Most statements read from the server's statement statistics. */
    public static final ConfigKey<Integer> WORKLOAD_LIMIT = ConfigKey.integer("index.workload_limit")
            .defaultValue(500).range(1, 10_000)
            .description("The most statements read from pg_stat_statements / performance_schema digests, by total "
                    + "time.")
            .build();

    /** Share of the workload's total time from which a statement is read from the statistics. */
    public static final ConfigKey<Double> WORKLOAD_MIN_SHARE = ConfigKey.decimal("index.workload_min_share")
            .defaultValue(0.001).range(0.0, 1.0)
            .description("A statement from pg_stat_statements / performance_schema digests is analysed when its "
                    + "share of the total time of all row-reading and row-changing statements is at least this "
                    + "(DDL, bulk loads and maintenance are left out); at most index.workload_limit of them.")
            .build();

    /** How long DDL waits for its lock. */
    public static final ConfigKey<Duration> LOCK_TIMEOUT = ConfigKey
            .duration("index.lock_timeout", ChronoUnit.SECONDS).defaultValue(Duration.ofSeconds(5)).positive()
            .description("How long index DDL waits for its lock before failing (lock_timeout, lock_wait_timeout).")
            .build();

    /** Longest an index build may run; zero for no limit. */
    public static final ConfigKey<Duration> BUILD_TIMEOUT = ConfigKey
            .duration("index.build_timeout", ChronoUnit.SECONDS).defaultValue(Duration.ZERO).notNegative()
            .defaultText("0 (no limit)")
            .description("The longest an index build may run; 0 means no limit.")
            .build();

    /** For {@link java.util.ServiceLoader}; the keys are the constants above. */
    public IndexKeys() {
        // stateless
    }

    @Override
    public String module() {
        return "dbopt-index";
    }

    @Override
    public List<String> sections() {
        return List.of("index");
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(SCHEMA, SCHEMAS, STATEMENT_TIMEOUT, HEALTH_TIMEOUT, UNUSED_MIN_BYTES, RARELY_USED_SCANS,
                BLOAT_MIN_RATIO, BLOAT_MIN_BYTES, SEQ_SCAN_MIN_ROWS, SEQ_SCAN_MIN_COUNT, SEQUENCE_USED_SHARE,
                MIN_COST_REDUCTION, TRIAL_MAX_TABLE_BYTES, ALLOW_TRIAL, INSTALL_HYPOPG, STORAGE_BUDGET_BYTES,
                WRITE_PENALTY, MAX_KEY_COLUMNS, MAX_INCLUDE_COLUMNS, MAX_RECOMMENDATIONS, WORKLOAD_LIMIT,
                WORKLOAD_MIN_SHARE, LOCK_TIMEOUT, BUILD_TIMEOUT);
    }
}
