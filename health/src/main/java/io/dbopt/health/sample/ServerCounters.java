package io.dbopt.health.sample;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The server's cumulative counters at one instant, under names shared by both servers ({@link #COMMITS},
 * {@link #DEADLOCKS}, ...): PostgreSQL's {@code pg_stat_database} row of the current database, MariaDB's global
 * status. A counter a server does not have is absent. Immutable.
 *
 * @param at when they were read
 * @param values counter values by name
 */
public record ServerCounters(Instant at, Map<String, Long> values) {

    /** Transactions committed (MariaDB: {@code Handler_commit}, which counts autocommit statements too). */
    public static final String COMMITS = "commits";
    /** Transactions rolled back. */
    public static final String ROLLBACKS = "rollbacks";
    /** Blocks read from outside the buffer cache. */
    public static final String BLOCKS_READ = "blocks_read";
    /** Blocks found in the buffer cache. */
    public static final String BLOCKS_HIT = "blocks_hit";
    /** Rows read (PostgreSQL {@code tup_returned}, MariaDB {@code Innodb_rows_read}). */
    public static final String ROWS_READ = "rows_read";
    /** Rows inserted. */
    public static final String ROWS_INSERTED = "rows_inserted";
    /** Rows updated. */
    public static final String ROWS_UPDATED = "rows_updated";
    /** Rows deleted. */
    public static final String ROWS_DELETED = "rows_deleted";
    /** Deadlocks detected. */
    public static final String DEADLOCKS = "deadlocks";
    /** Temporary files written by sorts and hashes (PostgreSQL). */
    public static final String TEMP_FILES = "temp_files";
    /** Bytes written to temporary files (PostgreSQL). */
    public static final String TEMP_BYTES = "temp_bytes";
    /** Internal temporary tables created (MariaDB). */
    public static final String TMP_TABLES = "tmp_tables";
    /** Internal temporary tables created on disk (MariaDB). */
    public static final String TMP_DISK_TABLES = "tmp_disk_tables";
    /** Merge passes of sorts that spilled to disk (MariaDB). */
    public static final String SORT_MERGE_PASSES = "sort_merge_passes";
    /** Statements that took longer than {@code long_query_time} (MariaDB). */
    public static final String SLOW_QUERIES = "slow_queries";

    /** Validates and copies. */
    public ServerCounters {
        Objects.requireNonNull(at, "at");
        values = Map.copyOf(new TreeMap<>(values));
    }

    /** The value of a counter, if the server has it. */
    public OptionalLong get(String name) {
        Long v = values.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
