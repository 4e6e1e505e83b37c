package io.dbopt.index.check;

import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One snapshot of a MariaDB schema's indexes and foreign keys, read once per run and shared by the index checks of
 * that run through {@link IndexUsage#shared}: each of their queries read {@code information_schema.STATISTICS} and
 * {@code KEY_COLUMN_USAGE} again (up to twice each), and at 10,000 tables one read takes 4 to 11 s, so the checks
 * now join this snapshot in Java. Index columns and keys come in the server's order and collation ({@code ORDER BY}
 * table, index or constraint, position), which the checks keep for their findings' order; tables, index sizes and
 * columns are read at the first ask, each once per run (tables and columns serve the table-level checks too:
 * engine, sequence overflow, utf8mb3 columns, full scans). Column names compare case-insensitively, as the queries'
 * collation did. Not thread-safe: one per run and schema.
 */
final class MariaDbIndexCatalog {

    /** One index: its columns in position order (as the server lists them). */
    record Index(String table, String name, boolean nonUnique, String type, List<Column> columns) {

        boolean primary() {
            return name.equalsIgnoreCase("PRIMARY");
        }

        /** Whether the other index has the same columns: position, name, prefix length and sort order. */
        boolean sameColumns(Index other) {
            return columns.equals(other.columns);
        }

        /** Whether this index's columns are the other's first columns, and the other has more. */
        boolean leads(Index other) {
            return columns.size() < other.columns.size()
                    && other.columns.subList(0, columns.size()).equals(columns);
        }
    }

    /** One column of an index: its name, prefix length (null: whole column), sort order and nullability. */
    record Column(int seq, String name, Integer subPart, String collation, boolean nullable) {
    }

    /** One foreign key: its columns in ordinal order, with the referenced schema, table and columns. */
    record ForeignKey(String table, String name, String referencedSchema, String referencedTable,
                      List<KeyColumn> columns) {
    }

    /** One column of a foreign key. */
    record KeyColumn(int ordinal, String name, String referencedColumn) {
    }

    /**
     * One table's type, engine (null for views), the server's estimates (rows 0 and {@code rowsKnown} false when
     * the server has none) and its next AUTO_INCREMENT value (null when it has no such column, and for views).
     */
    record Table(String name, boolean base, String engine, boolean rowsKnown, long rows, long dataBytes,
                 long indexBytes, BigInteger autoIncrement) {
    }

    /**
     * One column of a table: its position, type ({@code COLUMN_TYPE} and {@code DATA_TYPE}), character set and
     * collation (empty strings when it has none), and whether it is the table's AUTO_INCREMENT column.
     */
    record ColumnType(String table, String name, int ordinal, String type, String dataType, String charset,
                      String collation, boolean autoIncrement) {

        /** Whether the other column has the same type, character set and collation (what a key's columns need). */
        boolean sameType(ColumnType other) {
            return type.equals(other.type) && charset.equals(other.charset) && collation.equals(other.collation);
        }
    }

    private record IndexKey(String table, String index) {
    }

    private record ColumnKey(String table, String column) {
    }

    private final CheckContext ctx;
    private final List<Index> indexes;
    private final Map<String, List<Index>> byTable;
    private final List<ForeignKey> keysByColumnName;
    private final List<ForeignKey> keys;
    private Map<IndexKey, Long> sizes;
    private List<Table> tables;
    private final Map<String, Map<ColumnKey, ColumnType>> columns = new HashMap<>();
    private final Map<String, Map<String, List<ColumnType>>> columnsByTable = new HashMap<>();
    private Map<String, List<ForeignKey>> keysByTable;

    private MariaDbIndexCatalog(CheckContext ctx, List<Index> indexes, List<ForeignKey> keysByColumnName) {
        this.ctx = ctx;
        this.indexes = indexes;
        this.byTable = new LinkedHashMap<>();
        for (Index index : indexes) {
            byTable.computeIfAbsent(index.table(), t -> new ArrayList<>()).add(index);
        }
        this.keysByColumnName = keysByColumnName;
        this.keys = keysByColumnName.stream().map(k -> new ForeignKey(k.table(), k.name(), k.referencedSchema(),
                k.referencedTable(), k.columns().stream().sorted(Comparator.comparingInt(KeyColumn::ordinal))
                .toList())).toList();
    }

    /** The run's snapshot of the context's schema: read at the first ask, then shared. */
    static MariaDbIndexCatalog of(CheckContext ctx) throws SQLException {
        return ctx.usage().shared("mariadb-index-catalog", () -> read(ctx));
    }

    private static MariaDbIndexCatalog read(CheckContext ctx) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        List<Object[]> rows = CheckSupport.query(ctx, "catalog-index-columns", rs -> {
            int subPart = rs.getInt("sub_part");
            Integer prefix = rs.wasNull() ? null : subPart;
            return new Object[] {rs.getString("table_name"), rs.getString("index_name"), rs.getInt("non_unique"),
                    rs.getString("index_type"), new Column(rs.getInt("seq_in_index"), rs.getString("column_name"),
                    prefix, rs.getString("collation"), rs.getBoolean("nullable"))};
        }, ctx.schema());
        int from = 0;
        while (from < rows.size()) {
            Object[] first = rows.get(from);
            int to = from;
            List<Column> cols = new ArrayList<>();
            int minNonUnique = Integer.MAX_VALUE;
            String type = null;
            while (to < rows.size() && first[0].equals(rows.get(to)[0]) && first[1].equals(rows.get(to)[1])) {
                Object[] row = rows.get(to);
                cols.add((Column) row[4]);
                minNonUnique = Math.min(minNonUnique, (Integer) row[2]);
                type = type == null || ((String) row[3]).compareTo(type) < 0 ? (String) row[3] : type;
                to++;
            }
            indexes.add(new Index((String) first[0], (String) first[1], minNonUnique == 1, type, List.copyOf(cols)));
            from = to;
        }
        Map<IndexKey, ForeignKey> keys = new LinkedHashMap<>();
        CheckSupport.query(ctx, "catalog-foreign-keys", rs -> {
            IndexKey key = new IndexKey(rs.getString("table_name"), rs.getString("constraint_name"));
            KeyColumn column = new KeyColumn(rs.getInt("ordinal_position"), rs.getString("column_name"),
                    rs.getString("referenced_column"));
            ForeignKey fk = keys.get(key);
            if (fk == null) {
                keys.put(key, new ForeignKey(key.table(), key.index(), rs.getString("referenced_schema"),
                        rs.getString("referenced_table"), new ArrayList<>(List.of(column))));
            } else {
                fk.columns().add(column);
            }
            return null;
        }, ctx.schema());
        return new MariaDbIndexCatalog(ctx, List.copyOf(indexes), List.copyOf(keys.values()));
    }

    /** Every index of the schema, by table and name (the server's order). */
    List<Index> indexes() {
        return indexes;
    }

    /** The indexes of one table, by name (empty when it has none). */
    List<Index> indexes(String table) {
        return byTable.getOrDefault(table, List.of());
    }

    /** Every foreign key of the schema by table and name, its columns in ordinal order. */
    List<ForeignKey> foreignKeys() {
        return keys;
    }

    /** Every foreign key of the schema by table and name, its columns by column name (the server's order). */
    List<ForeignKey> foreignKeysByColumnName() {
        return keysByColumnName;
    }

    /**
     * Whether some index of the key's table has, at the key's positions, the key's columns whole (no prefix): the
     * index leads with the key's columns in order.
     */
    boolean supported(ForeignKey key) {
        for (Index index : indexes(key.table())) {
            if (leadsWith(index, key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some foreign key of the table is {@link #supported} by this index (the index backs the key). */
    boolean backsForeignKey(Index index) {
        for (ForeignKey key : keysOf(index.table())) {
            if (leadsWith(index, key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every column of the key is the index's column at the key's position, whole (the queries' join). */
    private static boolean leadsWith(Index index, ForeignKey key) {
        int matched = 0;
        for (KeyColumn k : key.columns()) {
            for (Column c : index.columns()) {
                if (c.subPart() == null && c.seq() == k.ordinal() && same(c.name(), k.name())) {
                    matched++;
                }
            }
        }
        return matched == key.columns().size();
    }

    private List<ForeignKey> keysOf(String table) {
        if (keysByTable == null) {
            keysByTable = new HashMap<>();
            for (ForeignKey key : keys) {
                keysByTable.computeIfAbsent(key.table(), t -> new ArrayList<>()).add(key);
            }
        }
        return keysByTable.getOrDefault(table, List.of());
    }

    /** Pages allocated to the index, in bytes (0 when InnoDB keeps no statistics for it). */
    long bytes(Index index) throws SQLException {
        if (sizes == null) {
            Map<IndexKey, Long> read = new HashMap<>();
            CheckSupport.query(ctx, "catalog-index-sizes", rs -> read.put(new IndexKey(rs.getString("table_name"),
                    rs.getString("index_name")), rs.getLong("index_bytes")), ctx.schema());
            sizes = read;
        }
        return sizes.getOrDefault(new IndexKey(index.table(), index.name()), 0L);
    }

    /**
     * Every table of the schema by name (the server's order), from the run's {@link IndexUsage#schemaTables()} at
     * the first ask (a doctor run's shared read of {@code information_schema.TABLES}).
     */
    List<Table> tables() throws SQLException {
        if (tables == null) {
            tables = ctx.usage().schemaTables().tables().stream().map(t -> new Table(t.name(), t.baseTable(),
                    t.engine().orElse(null), t.rows().isPresent(), t.rows().orElse(0), t.dataBytes(), t.indexBytes(),
                    t.autoIncrement().orElse(null))).toList();
        }
        return tables;
    }

    /** A column of a table of any schema, read a schema at a time at the first ask for it; empty when none. */
    Optional<ColumnType> column(String schema, String table, String column) throws SQLException {
        readColumns(schema);
        return Optional.ofNullable(columns.get(schema).get(new ColumnKey(table, fold(column))));
    }

    /** The columns of a table of the analysed schema in position order (the same read as {@link #column}). */
    List<ColumnType> columns(String table) throws SQLException {
        readColumns(ctx.schema());
        return columnsByTable.get(ctx.schema()).getOrDefault(table, List.of());
    }

    private void readColumns(String schema) throws SQLException {
        if (columns.containsKey(schema)) {
            return;
        }
        Map<ColumnKey, ColumnType> read = new HashMap<>();
        Map<String, List<ColumnType>> byTable = new HashMap<>();
        Jdbc.query(ctx.connection(), ctx.options().statementTimeout(),
                SqlResource.load("index", ctx.dialect(), "catalog-columns"), rs -> {
                    ColumnType type = new ColumnType(rs.getString("table_name"), rs.getString("column_name"),
                            rs.getInt("ordinal_position"), rs.getString("column_type"), rs.getString("data_type"),
                            rs.getString("charset"), rs.getString("collation"), rs.getBoolean("auto_increment"));
                    read.put(new ColumnKey(type.table(), fold(type.name())), type);
                    byTable.computeIfAbsent(type.table(), t -> new ArrayList<>()).add(type);
                    return null;
                }, schema);
        byTable.values().forEach(list -> list.sort(Comparator.comparingInt(ColumnType::ordinal)));
        columns.put(schema, read);
        columnsByTable.put(schema, byTable);
    }

    private static boolean same(String a, String b) {
        return Objects.equals(fold(a), fold(b));
    }

    private static String fold(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
