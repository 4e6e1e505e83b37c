package io.dbopt.index.analysis;

import io.dbopt.core.Capability;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.index.IndexErrorCode;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.TableName;
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
 * taken. The first {@value #SINGLE_TABLE_READS} tables of the analysed schema are read one by one; after that the
 * columns (or indexes) of the whole schema are read in one query, so that a workload touching thousands of tables
 * costs one catalog query rather than one per table. Not thread-safe: one per analysis.
  *
 * <p>Engine class of the index module: public only so that the API package {@code io.dbopt.index} can use it; not
 * meant for users, and free to change between releases.
 */
public final class Catalog implements SchemaLookup, ColumnStatistics {

    /** Tables smaller than this are read whole faster than through an index; their filters are not reported. */
    public static final long UNSERVED_MIN_ROWS = 1_000;

    /** Rows read to estimate a column's distinct values when the server has no statistics for it. */
    private static final int SAMPLE_ROWS = 10_000;

    /** Tables of the analysed schema read one by one before the whole schema is read at once. */
    static final int SINGLE_TABLE_READS = 16;

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;
    private final IndexOptions options;
    private final Map<String, Optional<TableColumns>> tables = new HashMap<>();
    private final Map<TableName, List<ExistingIndex>> indexes = new HashMap<>();
    private final Map<TableName, Map<String, double[]>> stats = new HashMap<>();
    private final Map<String, String> samples = new HashMap<>();
    private final Map<String, Optional<io.dbopt.index.workload.QueryShape>> shapes = new HashMap<>();
    /** JSqlParser's parse of the analysed workload, started ahead (by default none: parsed when asked). */
    private io.dbopt.index.workload.ParseAhead ahead;
    /** Tables whose indexes changed after the schema's indexes were read: read again one by one. */
    private final java.util.Set<TableName> changedIndexes = new java.util.HashSet<>();
    private int tableReads;
    private int nameReads;
    /** Names taken in the analysed schema once read at once, else null. */
    private java.util.Set<String> schemaNames;
    private int indexReads;
    private boolean schemaTablesRead;
    private boolean schemaIndexesRead;

    Catalog(Connection connection, Dialect dialect, String schema, IndexOptions options) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.options = options;
        this.ahead = io.dbopt.index.workload.ParseAhead.start(List.of(), dialect);
    }

    /**
     * Takes the parse of the workload's statements from {@code ahead}, started before the catalog checks so that it
     * runs while they wait for the server; the shapes are the same (see {@link io.dbopt.index.workload.ParseAhead}).
     * The caller closes it.
     */
    public void parseAhead(io.dbopt.index.workload.ParseAhead ahead) {
        this.ahead = java.util.Objects.requireNonNull(ahead, "ahead");
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

    /**
     * The shape of a workload statement against this catalog, parsed once per analysis: the unserved-filter check,
     * the pattern advice and the recommender each read every statement, and JSqlParser was most of their time.
     * (A shape depends on the tables' columns, which an analysis does not change.)
     */
    public Optional<io.dbopt.index.workload.QueryShape> shape(String sql) {
        Optional<io.dbopt.index.workload.QueryShape> known = shapes.get(sql);
        if (known == null) {
            known = io.dbopt.index.workload.QueryShapes.parse(sql, dialect, this, ahead);
            shapes.put(sql, known);
        }
        return known;
    }

    public Dialect dialect() {
        return dialect;
    }

    public boolean ignoreCase() {
        return !(dialect instanceof PostgresDialect);
    }

    /**
     * A name chooser that checks the catalog: one query per name for the first names of the analysed schema, then
     * the schema's relation names (PostgreSQL) or index names (MariaDB), read once.
     */
    IndexNames names() {
        return new IndexNames(dialect, this::nameTakenInAnalysis);
    }

    private boolean nameTakenInAnalysis(TableName table, String name) {
        if (!table.schema().equals(schema)) {
            return nameTaken(table, name);
        }
        if (schemaNames == null && nameReads >= SINGLE_TABLE_READS) {
            schemaNames = readSchemaNames();
        }
        if (schemaNames == null) {
            nameReads++;
            return nameTaken(table, name);
        }
        return schemaNames.contains(nameKey(table.name(), name));
    }

    private String nameKey(String table, String name) {
        return dialect instanceof PostgresDialect ? name
                : table.toLowerCase(Locale.ROOT) + "\u0000" + name.toLowerCase(Locale.ROOT);
    }

    private java.util.Set<String> readSchemaNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        try {
            Jdbc.query(connection, options.statementTimeout(), SqlResource.load("index", dialect, "schema-names"),
                    rs -> names.add(nameKey(rs.getString("table_name"), rs.getString("name"))), schema);
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("reading the relation names of " + schema, e);
        }
        return names;
    }

    @Override
    public Optional<TableColumns> table(String tableSchema, String name) {
        String s = tableSchema.isEmpty() ? schema : tableSchema;
        String key = tableKey(s, name);
        Optional<TableColumns> known = tables.get(key);
        if (known != null) {
            return known;
        }
        boolean analysed = s.equals(schema);
        if (analysed && !schemaTablesRead && tableReads >= SINGLE_TABLE_READS) {
            readSchemaTables();
            known = tables.get(key);
        }
        if (known == null && analysed && schemaTablesRead) {
            known = Optional.empty(); // not a table of the schema: what the one-table query would say
        }
        if (known == null) {
            if (analysed) {
                tableReads++;
            }
            known = load(s, name);
        }
        tables.put(key, known);
        return known;
    }

    private String tableKey(String tableSchema, String name) {
        String key = tableSchema + "\u0000" + name;
        return ignoreCase() ? key.toLowerCase(Locale.ROOT) : key;
    }

    /** Reads the columns of every table of the analysed schema in one query. */
    private void readSchemaTables() {
        schemaTablesRead = true;
        Map<String, Map<String, String>> types = new LinkedHashMap<>();
        Map<String, long[]> sizes = new HashMap<>();
        Object[] params = dialect instanceof PostgresDialect ? new Object[] {schema} : new Object[] {schema, schema};
        try {
            Jdbc.query(connection, options.statementTimeout(), SqlResource.load("index", dialect, "schema-columns"),
                    rs -> {
                        String table = rs.getString("table_name");
                        types.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(rs.getString("column_name"),
                                rs.getString("data_type").toLowerCase(Locale.ROOT));
                        sizes.putIfAbsent(table, new long[] {rs.getLong("table_rows"), rs.getLong("table_bytes")});
                        return null;
                    }, params);
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("reading the columns of the tables of " + schema, e);
        }
        types.forEach((table, columns) -> tables.putIfAbsent(tableKey(schema, table), Optional.of(new TableColumns(
                TableName.of(schema, table), columns, sizes.get(table)[0], sizes.get(table)[1]))));
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
        changedIndexes.add(table);
    }

    /** The table's indexes, empty for an unknown table. */
    public List<ExistingIndex> indexes(TableName table) {
        List<ExistingIndex> known = indexes.get(table);
        if (known != null) {
            return known;
        }
        boolean analysed = table.schema().equals(schema);
        if (analysed && !schemaIndexesRead && indexReads >= SINGLE_TABLE_READS) {
            readSchemaIndexes();
            known = indexes.get(table);
        }
        // a table without an index in the schema-wide result has none, unless its name is spelled in another case
        // (MariaDB compares names without case) or its indexes changed since
        if (known == null && analysed && schemaIndexesRead && !ignoreCase() && !changedIndexes.contains(table)) {
            known = List.of();
        }
        if (known == null) {
            if (analysed) {
                indexReads++;
            }
            known = readIndexes(table);
        }
        indexes.put(table, known);
        return known;
    }

    private String indexResource(String prefix) {
        return prefix + (dialect instanceof PostgresDialect || dialect.supports(Capability.IGNORED_INDEX)
                ? "-indexes" : "-indexes-10-5");
    }

    private List<ExistingIndex> readIndexes(TableName t) {
        try {
            return query(indexResource("table"), Catalog::existingIndex, t.schema(), t.name());
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("reading the indexes of " + t, e);
        }
    }

    /** Reads the indexes of every table of the analysed schema in one query. */
    private void readSchemaIndexes() {
        schemaIndexesRead = true;
        Map<TableName, List<ExistingIndex>> read = new LinkedHashMap<>();
        try {
            Jdbc.query(connection, options.statementTimeout(), SqlResource.load("index", dialect,
                    indexResource("schema")), rs -> read.computeIfAbsent(TableName.of(schema,
                    rs.getString("table_name")), t -> new ArrayList<>()).add(existingIndex(rs)), schema);
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("reading the indexes of the tables of " + schema, e);
        }
        changedIndexes.clear();
        read.forEach((table, list) -> indexes.put(table, List.copyOf(list)));
    }

    private static ExistingIndex existingIndex(java.sql.ResultSet rs) throws SQLException {
        return new ExistingIndex(rs.getString("index_name"), IndexChecks.jsonStrings(rs.getString("key_columns")),
                IndexChecks.jsonStrings(rs.getString("include_columns")), rs.getBoolean("is_unique"),
                rs.getBoolean("is_primary"), rs.getBoolean("is_valid"), rs.getBoolean("constraint_owned"),
                rs.getBoolean("build_in_progress"), rs.getString("method"), rs.getString("predicate"),
                rs.getBoolean("has_expressions"), rs.getLong("index_bytes"));
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
