package io.dbopt.json.advice;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.json.rewrite.GeneratedColumn;
import io.dbopt.json.rewrite.GeneratedColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the catalog says about the JSON and text columns of the current schema: their types, the tables' estimated
 * rows, the indexes (PostgreSQL) and generated columns (MariaDB) that could serve JSON predicates. Read once per
 * analysis, whole ({@link #read}) or in two steps: the columns ({@link #columns}), enough to place a workload's
 * predicates, then the indexes and generated columns ({@link #complete}) only when there are predicates to serve (on
 * a large schema without any, reading every index definition was most of the analysis). Immutable.
 */
public final class JsonCatalog {

    /**
     * A column.
     *
     * @param table the table, as stored
     * @param column the column, as stored
     * @param type the type: {@code jsonb}, {@code json} (PostgreSQL json, or MariaDB JSON), {@code text}, ...
     * @param collation the collation (MariaDB), empty otherwise
     * @param tableRows the table's estimated rows
     */
    public record Column(String table, String column, String type, String collation, long tableRows) {

        /** Whether the column holds JSON (jsonb, json, MariaDB JSON). */
        public boolean isJson() {
            return type.equals("jsonb") || type.equals("json");
        }
    }

    /**
     * An index (PostgreSQL).
     *
     * @param table the table
     * @param name the index
     * @param method {@code btree}, {@code gin}, ...
     * @param definition its definition, normalised by {@link #normalise}
     */
    public record Index(String table, String name, String method, String definition) {
    }

    private final Dialect dialect;
    private final Map<String, Map<String, Column>> columns;
    /** Null until {@link #complete} read them. */
    private final List<Index> indexes;
    /** Null until {@link #complete} read them. */
    private final List<GeneratedColumn> generated;

    private JsonCatalog(Dialect dialect, Map<String, Map<String, Column>> columns, List<Index> indexes,
                        List<GeneratedColumn> generated) {
        this.dialect = dialect;
        this.columns = columns;
        this.indexes = indexes == null ? null : List.copyOf(indexes);
        this.generated = generated == null ? null : List.copyOf(generated);
    }

    /** Reads the catalog of the connection's current schema: columns, indexes and generated columns. */
    public static JsonCatalog read(Connection c, Dialect dialect, Duration timeout) throws SQLException {
        return columns(c, dialect, timeout).complete(c, timeout);
    }

    /**
     * Reads the JSON and text columns of the connection's current schema, not yet the indexes and generated columns:
     * {@link #indexes} and {@link #generated} need {@link #complete} first.
     */
    public static JsonCatalog columns(Connection c, Dialect dialect, Duration timeout) throws SQLException {
        Map<String, Map<String, Column>> columns = new HashMap<>();
        for (Column col : Jdbc.query(c, timeout, SqlResource.load("json", dialect, "json-columns"),
                rs -> new Column(rs.getString("table_name"), rs.getString("column_name"),
                        rs.getString("data_type").toLowerCase(Locale.ROOT), rs.getString("collation_name"),
                        rs.getLong("table_rows")))) {
            columns.computeIfAbsent(col.table().toLowerCase(Locale.ROOT), t -> new HashMap<>())
                    .put(col.column().toLowerCase(Locale.ROOT), col);
        }
        return new JsonCatalog(dialect, columns, null, null);
    }

    /** This catalog with the indexes (PostgreSQL) and generated columns (MariaDB) read; itself when they were. */
    public JsonCatalog complete(Connection c, Duration timeout) throws SQLException {
        if (indexes != null) {
            return this;
        }
        boolean pg = dialect instanceof PostgresDialect;
        List<Index> indexes = pg ? Jdbc.query(c, timeout, SqlResource.load("json", dialect, "json-indexes"),
                rs -> new Index(rs.getString("table_name"), rs.getString("index_name"), rs.getString("method"),
                        normalise(rs.getString("definition")))) : List.of();
        List<GeneratedColumn> generated = pg ? List.of() : GeneratedColumns.read(c, dialect, timeout);
        return new JsonCatalog(dialect, columns, indexes, generated);
    }

    /**
     * The catalog a workload's analysis needs: complete when the workload has JSON predicates on the catalog's
     * columns, else this one (nothing will ask for indexes or generated columns).
     */
    public JsonCatalog forAnalysis(UsageAnalysis analysis, Connection c, Duration timeout) throws SQLException {
        return analysis.occurrences().isEmpty() ? this : complete(c, timeout);
    }

    private void requireComplete() {
        if (indexes == null) {
            throw new IllegalStateException("The JSON catalog was read without its indexes and generated columns; "
                    + "call complete(connection, timeout) first");
        }
    }

    /** The dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** A column of a table (names compared without case). */
    public Optional<Column> column(String table, String column) {
        Map<String, Column> t = columns.get(table.toLowerCase(Locale.ROOT));
        return t == null ? Optional.empty() : Optional.ofNullable(t.get(column.toLowerCase(Locale.ROOT)));
    }

    /** The tables among {@code candidates} that have a JSON or text column of that name. */
    public List<String> tablesWith(String column, List<String> candidates) {
        List<String> out = new ArrayList<>();
        for (String t : candidates) {
            column(t, column).ifPresent(c -> out.add(c.table()));
        }
        return out;
    }

    /** The indexes of a table (PostgreSQL). */
    public List<Index> indexes(String table) {
        requireComplete();
        return indexes.stream().filter(i -> i.table().equalsIgnoreCase(table)).toList();
    }

    /** The generated columns of a table (MariaDB). */
    public List<GeneratedColumn> generated(String table) {
        requireComplete();
        return generated.stream().filter(g -> g.table().equalsIgnoreCase(table)).toList();
    }

    /**
     * An index definition or expression for comparison: lower case, without white space, quotes, parentheses and
     * {@code ::text} casts of literals (PostgreSQL writes {@code 'k'::text} for a key).
     */
    public static String normalise(String sql) {
        String s = sql.toLowerCase(Locale.ROOT).replace("::text", "").replace("\"", "");
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (!Character.isWhitespace(ch) && ch != '(' && ch != ')') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
