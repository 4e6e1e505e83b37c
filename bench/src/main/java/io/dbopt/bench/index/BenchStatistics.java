package io.dbopt.bench.index;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.index.TableName;
import io.dbopt.index.whatif.ColumnStatistics;
import io.dbopt.index.workload.SchemaLookup;
import io.dbopt.index.workload.TableColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Exact statistics for the baseline advisor (the benchmark can afford {@code count(DISTINCT ...)}), read through
 * information_schema on both servers.
 */
final class BenchStatistics implements ColumnStatistics, SchemaLookup {

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;
    private final Map<String, Optional<TableColumns>> tables = new HashMap<>();
    private final Map<String, Double> distinct = new HashMap<>();

    BenchStatistics(Connection connection, Dialect dialect, String schema) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
    }

    @Override
    public Optional<TableColumns> table(String tableSchema, String name) {
        return tables.computeIfAbsent(name, n -> {
            Map<String, String> types = new LinkedHashMap<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT column_name, data_type FROM "
                    + "information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
                ps.setString(1, schema);
                ps.setString(2, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        types.put(rs.getString(1), rs.getString(2).toLowerCase(java.util.Locale.ROOT));
                    }
                }
                if (types.isEmpty()) {
                    return Optional.empty();
                }
                TableName t = TableName.of(schema, n);
                return Optional.of(new TableColumns(t, types, count("SELECT count(*) FROM " + t.quoted(dialect)),
                        bytes(t)));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long bytes(TableName t) throws SQLException {
        String sql = dialect instanceof PostgresDialect ? "SELECT pg_relation_size('" + t.quoted(dialect) + "')"
                : "SELECT DATA_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '"
                + t.name() + "'";
        return count(sql);
    }

    private long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public double distinctValues(TableName table, String column) {
        return distinct.computeIfAbsent(table.name() + "." + column, k -> {
            try {
                return (double) Math.max(1, count("SELECT count(DISTINCT " + dialect.quote(column) + ") FROM "
                        + table.quoted(dialect)));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public double averageWidth(TableName table, String column) {
        return 8;
    }

    @Override
    public long rows(TableName table) {
        return table(table.schema(), table.name()).map(TableColumns::rows).orElse(0L);
    }

    @Override
    public long tableBytes(TableName table) {
        return table(table.schema(), table.name()).map(TableColumns::bytes).orElse(0L);
    }

    @Override
    public String sampleLiteral(TableName table, String column) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                + dialect.quote(column) + " FROM " + table.quoted(dialect) + " LIMIT 1")) {
            if (!rs.next()) {
                return "";
            }
            String v = rs.getString(1);
            return v == null ? "NULL" : v.matches("-?\\d+(\\.\\d+)?") ? v : "'" + v.replace("'", "''") + "'";
        } catch (SQLException e) {
            return ""; // not a column of this table: the filler tries the next table
        }
    }
}
