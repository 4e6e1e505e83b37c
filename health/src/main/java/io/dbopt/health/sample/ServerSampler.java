package io.dbopt.health.sample;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the server's counters and session counts, one statement each, under a time limit, on a connection the
 * caller owns. Stateless and thread-safe.
 */
public final class ServerSampler {

    private static final Map<String, String> POSTGRES_NAMES = Map.ofEntries(
            Map.entry("xact_commit", ServerCounters.COMMITS), Map.entry("xact_rollback", ServerCounters.ROLLBACKS),
            Map.entry("blks_read", ServerCounters.BLOCKS_READ), Map.entry("blks_hit", ServerCounters.BLOCKS_HIT),
            Map.entry("tup_returned", ServerCounters.ROWS_READ),
            Map.entry("tup_inserted", ServerCounters.ROWS_INSERTED),
            Map.entry("tup_updated", ServerCounters.ROWS_UPDATED),
            Map.entry("tup_deleted", ServerCounters.ROWS_DELETED), Map.entry("deadlocks", ServerCounters.DEADLOCKS),
            Map.entry("temp_files", ServerCounters.TEMP_FILES), Map.entry("temp_bytes", ServerCounters.TEMP_BYTES));

    private static final Map<String, String> MARIADB_NAMES = Map.ofEntries(
            Map.entry("handler_commit", ServerCounters.COMMITS),
            Map.entry("handler_rollback", ServerCounters.ROLLBACKS),
            Map.entry("innodb_buffer_pool_reads", ServerCounters.BLOCKS_READ),
            Map.entry("innodb_rows_read", ServerCounters.ROWS_READ),
            Map.entry("innodb_rows_inserted", ServerCounters.ROWS_INSERTED),
            Map.entry("innodb_rows_updated", ServerCounters.ROWS_UPDATED),
            Map.entry("innodb_rows_deleted", ServerCounters.ROWS_DELETED),
            Map.entry("innodb_deadlocks", ServerCounters.DEADLOCKS),
            Map.entry("created_tmp_tables", ServerCounters.TMP_TABLES),
            Map.entry("created_tmp_disk_tables", ServerCounters.TMP_DISK_TABLES),
            Map.entry("sort_merge_passes", ServerCounters.SORT_MERGE_PASSES),
            Map.entry("slow_queries", ServerCounters.SLOW_QUERIES));

    private final Dialect dialect;
    private final Duration timeout;

    /** A sampler for one server kind, each statement limited to {@code timeout}. */
    public ServerSampler(Dialect dialect, Duration timeout) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Reads the counters. */
    public ServerCounters counters(Connection connection) throws SQLException {
        Instant at = Instant.now();
        Map<String, Long> values = new HashMap<>();
        String sql = SqlResource.load("health", dialect, "counters");
        if (dialect instanceof PostgresDialect) {
            List<Map<String, Long>> rows = Jdbc.query(connection, timeout, sql, ServerSampler::columns);
            if (!rows.isEmpty()) {
                rows.get(0).forEach((column, value) -> values.put(POSTGRES_NAMES.get(column), value));
            }
        } else {
            Map<String, Long> raw = new HashMap<>();
            Jdbc.query(connection, timeout, sql, rs -> raw.put(rs.getString(1), rs.getLong(2)));
            raw.forEach((name, value) -> {
                String shared = MARIADB_NAMES.get(name);
                if (shared != null) {
                    values.put(shared, value);
                }
            });
            Long requests = raw.get("innodb_buffer_pool_read_requests");
            Long reads = raw.get("innodb_buffer_pool_reads");
            if (requests != null && reads != null) {
                values.put(ServerCounters.BLOCKS_HIT, Math.max(0, requests - reads));
            }
        }
        return new ServerCounters(at, values);
    }

    /** Counts the sessions of the current database; {@code slowAfter} is the long-query threshold. */
    public SessionCounts sessions(Connection connection, Duration slowAfter) throws SQLException {
        Instant at = Instant.now();
        List<SessionCounts> rows = Jdbc.query(connection, timeout, SqlResource.load("health", dialect, "sessions"),
                rs -> new SessionCounts(at, rs.getLong("active"), rs.getLong("waiting"),
                        rs.getLong("idle_in_transaction"), rs.getLong("slow")),
                slowAfter.toMillis() / 1000.0);
        return rows.isEmpty() ? new SessionCounts(at, 0, 0, 0, 0) : rows.get(0);
    }

    private static Map<String, Long> columns(ResultSet rs) throws SQLException {
        Map<String, Long> row = new HashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            String column = rs.getMetaData().getColumnLabel(i);
            if (POSTGRES_NAMES.containsKey(column)) {
                row.put(column, rs.getLong(i));
            }
        }
        return row;
    }
}
