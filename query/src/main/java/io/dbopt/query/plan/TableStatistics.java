package io.dbopt.query.plan;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Table sizes and statistics freshness from the catalog, for the tables of one plan (PostgreSQL; MariaDB's plans
 * carry their own row estimates, and staleness is judged from them).
 *
 * @param byTable statistics by table name as the plan shows it
 */
record TableStatistics(Map<String, Table> byTable) {

    static final TableStatistics NONE = new TableStatistics(Map.of());

    /**
     * One table.
     *
     * @param estimatedRows the planner's row count ({@code reltuples}); negative or zero when never analyzed
     * @param liveRows live rows counted by the statistics collector
     * @param modifiedSinceAnalyze rows changed since the last ANALYZE
     * @param analyzed whether ANALYZE (manual or automatic) ever ran
     */
    record Table(long estimatedRows, long liveRows, long modifiedSinceAnalyze, boolean analyzed) {

        /** The planner's row count, or the collector's when the table was never analyzed. */
        long rows() {
            return estimatedRows > 0 ? estimatedRows : liveRows;
        }
    }

    static TableStatistics read(Connection connection, Dialect dialect, Set<String> tables, Duration timeout)
            throws SQLException {
        if (!(dialect instanceof PostgresDialect) || tables.isEmpty()) {
            return NONE;
        }
        Array names = connection.createArrayOf("text", tables.toArray());
        try {
            Map<String, Table> result = new HashMap<>();
            Jdbc.query(connection, timeout, SqlResource.load("query", dialect, "table-statistics"), rs -> {
                result.put(rs.getString(1), new Table(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5)));
                return null;
            }, names);
            return new TableStatistics(Map.copyOf(result));
        } finally {
            names.free();
        }
    }

    Table get(String relation) {
        return byTable.get(relation);
    }
}
