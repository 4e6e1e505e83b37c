package io.dbopt.index;

import io.dbopt.core.Dialect;
import io.dbopt.core.Capability;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.DbOptException;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.index.check.IndexChecks;
import io.dbopt.index.ddl.IndexNames;
import io.dbopt.index.whatif.ColumnStatistics;
import io.dbopt.index.workload.SchemaLookup;
import io.dbopt.index.workload.TableColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog as the recommender and detector see it, read lazily over one connection and cached: tables and their
 * columns, their indexes, column statistics (estimated by sampling where the server has none), and whether a name is
 * taken. Not thread-safe: one per analysis.
 */
final class Catalog implements SchemaLookup, ColumnStatistics {

    /** Rows read to estimate a column's distinct values when the server has no statistics for it. */
    private static final int SAMPLE_ROWS = 10_000;

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;
    private final IndexOptions options;
    private final Map<String, Optional<TableColumns>> tables = new HashMap<>();
    private final Map<TableName, List<ExistingIndex>> indexes = new HashMap<>();
    private final Map<TableName, Map<String, double[]>> stats = new HashMap<>();
    private final Map<String, String> samples = new HashMap<>();

    Catalog(Connection connection, Dialect dialect, String schema, IndexOptions options) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.options = options;
    }

    /** The schema (PostgreSQL) or database (MariaDB) analysed: the option, else the connection's current one. */
    static String resolveSchema(Connection connection, Dialect dialect, IndexOptions options) throws SQLException {
        if (!options.schema().isEmpty()) {
            return options.schema();
        }
        String current = Jdbc.queryFirst(connection, dialect.currentSchemaQuery(), rs -> rs.getString(1)).orElse("");
        if (current == null || current.isEmpty()) {
            throw new DbOptException(IndexErrorCode.NOT_FOUND, "No schema is selected on the connection: "
                    + "set IndexOptions.schema(...) or connect to a database");
        }
        return current;
    }

    String schema() {
        return schema;
    }

    Dialect dialect() {
        return dialect;
    }

    boolean ignoreCase() {
        return !(dialect instanceof PostgresDialect);
    }

    /** A name chooser that checks the catalog. */
    IndexNames names() {
        return new IndexNames(dialect, this::nameTaken);
    }

    @Override
    public Optional<TableColumns> table(String tableSchema, String name) {
        String s = tableSchema.isEmpty() ? schema : tableSchema;
        return tables.computeIfAbsent(s + "\u0000" + name, k -> load(s, name));
    }

    Optional<TableColumns> table(TableName table) {
        return table(table.schema(), table.name());
    }

    private Optional<TableColumns> load(String tableSchema, String name) {
        try {
            record Row(String schema, String table, String column, String type, long rows, long bytes) {
            }
            List<Row> rows = query("table-columns", rs -> new Row(rs.getString("schema_name"),
                    rs.getString("table_name"), rs.getString("column_name"), rs.getString("data_type"),
                    rs.getLong("table_rows"), rs.getLong("table_bytes")), tableSchema, name);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> types = new LinkedHashMap<>();
            rows.forEach(r -> types.put(r.column(), r.type().toLowerCase(Locale.ROOT)));
            Row first = rows.get(0);
            return Optional.of(new TableColumns(TableName.of(first.schema(), first.table()), types, first.rows(),
                    first.bytes()));
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("reading the columns of " + tableSchema + "." + name, e);
        }
    }

    /** Forgets what was read about a table's indexes (after DDL changed them). */
    void forgetIndexes(TableName table) {
        indexes.remove(table);
    }

    /** The table's indexes, empty for an unknown table. */
    List<ExistingIndex> indexes(TableName table) {
        return indexes.computeIfAbsent(table, t -> {
            String resource = dialect instanceof PostgresDialect || dialect.supports(Capability.IGNORED_INDEX)
                    ? "table-indexes" : "table-indexes-10-5";
            try {
                return query(resource, rs -> new ExistingIndex(rs.getString("index_name"),
                        IndexChecks.jsonStrings(rs.getString("key_columns")),
                        IndexChecks.jsonStrings(rs.getString("include_columns")),
                        rs.getBoolean("is_unique"), rs.getBoolean("is_primary"), rs.getBoolean("is_valid"),
                        rs.getBoolean("constraint_owned"), rs.getBoolean("build_in_progress"),
                        rs.getString("method"), rs.getString("predicate"), rs.getBoolean("has_expressions"),
                        rs.getLong("index_bytes")), t.schema(), t.name());
            } catch (SQLException e) {
                throw DbOptException.sqlFailed("reading the indexes of " + t, e);
            }
        });
    }

    @Override
    public double distinctValues(TableName table, String column) {
        double[] s = columnStats(table).get(key(column));
        if (s != null && s[0] >= 1) {
            return s[0];
        }
        double sampled = sampleDistinct(table, column);
        columnStats(table).put(key(column), new double[] {sampled, -1, 0});
        return sampled;
    }

    @Override
    public double averageWidth(TableName table, String column) {
        double[] s = columnStats(table).get(key(column));
        if (s != null && s[1] > 0) {
            return s[1];
        }
        String type = table(table).map(t -> t.type(t.column(column, ignoreCase()).orElse(column))).orElse("");
        return TypeWidths.of(type);
    }

    @Override
    public long rows(TableName table) {
        return table(table).map(TableColumns::rows).orElse(0L);
    }

    @Override
    public long tableBytes(TableName table) {
        return table(table).map(TableColumns::bytes).orElse(0L);
    }

    @Override
    public String sampleLiteral(TableName table, String column) {
        Optional<TableColumns> t = table(table);
        Optional<String> spelled = t.flatMap(c -> c.column(column, ignoreCase()));
        if (spelled.isEmpty()) {
            return "";
        }
        return samples.computeIfAbsent(table + "\u0000" + spelled.get(), k -> {
            String sql = "SELECT " + dialect.quote(spelled.get()) + " FROM " + table.quoted(dialect) + " WHERE "
                    + dialect.quote(spelled.get()) + " IS NOT NULL LIMIT 1";
            try {
                Optional<String> value = Jdbc.query(connection, options.statementTimeout(), sql,
                        rs -> rs.getString(1)).stream().findFirst();
                return value.map(v -> literal(v, t.get().type(spelled.get()))).orElse("NULL");
            } catch (SQLException e) {
                throw DbOptException.sqlFailed("sampling a value of " + table + "." + spelled.get(), e);
            }
        });
    }

    private String literal(String value, String type) {
        if (TypeWidths.isNumeric(type) && value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return value;
        }
        String escaped = value.replace("'", "''");
        return "'" + (dialect instanceof PostgresDialect ? escaped : escaped.replace("\\", "\\\\")) + "'";
    }

    private Map<String, double[]> columnStats(TableName table) {
        return stats.computeIfAbsent(table, t -> {
            Map<String, double[]> byColumn = new HashMap<>();
            try {
                Object[] params = dialect instanceof PostgresDialect ? new Object[] {t.schema(), t.name()}
                        : new Object[] {t.schema(), t.name(), t.schema(), t.name()};
                query("column-stats", rs -> byColumn.putIfAbsent(key(rs.getString("column_name")),
                        new double[] {rs.getDouble("distinct_values"), rs.getDouble("avg_width"),
                                rs.getDouble("null_fraction")}), params);
            } catch (SQLException e) {
                throw DbOptException.sqlFailed("reading column statistics of " + t, e);
            }
            return byColumn;
        });
    }

    /**
     * Distinct values from a sample of the first rows, by the Duj1 estimator of Haas and Stokes: {@code n d / (n -
     * f1 + f1 n / N)} for {@code n} sampled rows, {@code d} distinct values among them, {@code f1} values seen once.
     */
    private double sampleDistinct(TableName table, String column) {
        Optional<String> spelled = table(table).flatMap(c -> c.column(column, ignoreCase()));
        if (spelled.isEmpty()) {
            return 1;
        }
        String col = dialect.quote(spelled.get());
        String sql = "SELECT COALESCE(SUM(k), 0), COUNT(*), COALESCE(SUM(CASE WHEN k = 1 THEN 1 ELSE 0 END), 0) "
                + "FROM (SELECT v, COUNT(*) AS k FROM (SELECT " + col + " AS v FROM " + table.quoted(dialect)
                + " LIMIT " + SAMPLE_ROWS + ") s GROUP BY v) g";
        try {
            double[] r = Jdbc.query(connection, options.statementTimeout(), sql,
                    rs -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)}).get(0);
            double n = r[0];
            double d = r[1];
            double f1 = r[2];
            double total = Math.max(rows(table), n);
            if (n <= 0) {
                return 1;
            }
            if (n >= total) {
                return Math.max(1, d);
            }
            return Math.max(1, n * d / (n - f1 + f1 * n / total));
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("sampling distinct values of " + table + "." + spelled.get(), e);
        }
    }

    boolean nameTaken(TableName table, String name) {
        try {
            Object[] params = dialect instanceof PostgresDialect ? new Object[] {table.schema(), name}
                    : new Object[] {table.schema(), table.name(), name};
            return Jdbc.queryFirst(connection, SqlResource.load("index", dialect, "name-taken"),
                    rs -> rs.getLong(1) > 0, params).orElse(false);
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("checking whether the index name " + name + " is taken", e);
        }
    }

    private String key(String column) {
        return ignoreCase() ? column.toLowerCase(Locale.ROOT) : column;
    }

    private <T> List<T> query(String resource, io.dbopt.core.jdbc.RowMapper<T> mapper, Object... params)
            throws SQLException {
        return new ArrayList<>(Jdbc.query(connection, options.statementTimeout(),
                SqlResource.load("index", dialect, resource), mapper, params));
    }
}
