package io.dbopt.migration.schema;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rows {@link SchemaReader} builds a MariaDB snapshot from, one list per kind of catalog query ({@code
 * tables.sql}, {@code columns.sql}, {@code indexes.sql}, {@code delete-rules.sql}, {@code foreign-keys.sql},
 * {@code checks.sql}), each row the query's columns as text in its order: for a whole database one query per kind
 * ({@link #readWhole}), for some tables one statement ({@link #readScoped}). Used by one reader on one thread.
 *
 * @param kinds the rows of each kind, indexed as {@link #KINDS}
 */
record MariaDbCatalog(List<List<String[]>> kinds) {

    /** The catalog queries, in the order of the {@code kind} column of {@code scoped-table.sql}. */
    static final List<String> KINDS = List.of("tables", "columns", "indexes", "delete-rules", "foreign-keys", "checks");

    /** At most this many tables per scoped statement (six UNION branches each), so one statement stays small. */
    static final int TABLES_PER_STATEMENT = 50;

    private static final String MODULE = "migration";
    private static final String CURRENT_DATABASE = "SELECT -1 AS kind, NULL AS sort_name, 0 AS sort_position,"
            + " DATABASE() AS c1, NULL AS c2, NULL AS c3, NULL AS c4, NULL AS c5, NULL AS c6, NULL AS c7";
    /** The {@code kind} of a side query's rows ({@link SideQuery}), after the six catalog kinds. */
    static final int SIDE_KIND = 6;
    /** kind, sort name, sort position: the columns before each query's own. */
    private static final int LEADING = 3;
    /**
     * The order {@link SchemaReader} needs within each kind: by table, sort name (an index or a constraint) and sort
     * position (a column's, or its place in an index or a foreign key), compared here rather than by an {@code ORDER
     * BY} in the statement: sorting the union made the server copy every row into one more temporary table, on disk
     * (an Aria table: files in its tmpdir), because the union's columns include {@code COLUMN_TYPE},
     * {@code COLUMN_DEFAULT} and {@code CHECK_CLAUSE}, which are {@code longtext}. Rows are grouped by exact name; how
     * names compare does not matter, only that equal names are adjacent and positions ascend within each group.
     */
    private static final Comparator<String[]> ROW_ORDER = Comparator.<String[], String>comparing(r -> r[LEADING],
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r[1], Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(r -> Long.parseLong(r[2]));

    MariaDbCatalog {
        kinds = List.copyOf(kinds);
    }

    List<String[]> tables() {
        return kinds.get(0);
    }

    List<String[]> columns() {
        return kinds.get(1);
    }

    List<String[]> indexes() {
        return kinds.get(2);
    }

    List<String[]> deleteRules() {
        return kinds.get(3);
    }

    List<String[]> foreignKeys() {
        return kinds.get(4);
    }

    List<String[]> checks() {
        return kinds.get(5);
    }

    /** The rows of every table of {@code database}: one query per kind, each without its table filter. */
    static MariaDbCatalog readWhole(Connection connection, Dialect dialect, Duration timeout, String database)
            throws SQLException {
        List<List<String[]>> kinds = new ArrayList<>();
        for (String kind : KINDS) {
            kinds.add(Jdbc.query(connection, timeout, SqlResource.load(MODULE, dialect, kind),
                    MariaDbCatalog::allColumns, database, null, null));
        }
        return new MariaDbCatalog(kinds);
    }

    /**
     * The rows of the named tables of the current database and the database's name, in one statement per
     * {@link #TABLES_PER_STATEMENT} tables (one for every migration that touches fewer): {@code DATABASE()} and the
     * six queries of each table joined by UNION ALL, each branch looking its table up by name, without an {@code ORDER
     * BY} (the rows are sorted here, {@link #ROW_ORDER}). The rows are those the six queries give for each table in
     * turn, in the same order within each table. Empty when the connection has no current database.
     */
    static Optional<Scoped> readScoped(Connection connection, Dialect dialect, Duration timeout, List<String> tables)
            throws SQLException {
        return readScoped(connection, dialect, timeout, tables, Optional.empty());
    }

    /**
     * {@link #readScoped(Connection, Dialect, Duration, List)} with a side query answered by the first statement, in
     * one more {@code UNION ALL} branch ({@link #SIDE_KIND}): its rows come back in {@link Scoped#sideRows()}, ordered
     * by position.
     */
    static Optional<Scoped> readScoped(Connection connection, Dialect dialect, Duration timeout, List<String> tables,
                                       Optional<SideQuery> side) throws SQLException {
        String block = SqlResource.load(MODULE, dialect, "scoped-table").strip();
        List<List<String[]>> kinds = new ArrayList<>();
        KINDS.forEach(k -> kinds.add(new ArrayList<>()));
        String database = null;
        List<String[]> sideRows = new ArrayList<>();
        int from = 0;
        do {
            List<String> chunk = tables.subList(from, Math.min(tables.size(), from + TABLES_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(CURRENT_DATABASE);
            List<Object> params = new ArrayList<>(chunk.size() * KINDS.size() + 4);
            for (String table : chunk) {
                sql.append("\nUNION ALL\n").append(block);
                params.addAll(Collections.nCopies(KINDS.size(), table));
            }
            if (from == 0 && side.isPresent()) {
                // a derived table the optimizer merges (no temporary table of its own): the caller's query as written
                sql.append("\nUNION ALL\nSELECT ").append(SIDE_KIND).append(", NULL, side.side_position,"
                        + " side.side_text, NULL, NULL, NULL, NULL, NULL, NULL FROM (").append(side.get().sql())
                        .append(") side");
                params.addAll(side.get().parameters());
            }
            List<List<String[]>> read = new ArrayList<>();
            KINDS.forEach(k -> read.add(new ArrayList<>()));
            for (String[] row : Jdbc.query(connection, timeout, sql.toString(), MariaDbCatalog::allColumns,
                    params.toArray())) {
                int kind = Integer.parseInt(row[0]);
                if (kind < 0) {
                    database = row[LEADING];
                } else if (kind == SIDE_KIND) {
                    sideRows.add(row);
                } else {
                    read.get(kind).add(row);
                }
            }
            for (int k = 0; k < KINDS.size(); k++) {
                read.get(k).sort(ROW_ORDER);
                for (String[] row : read.get(k)) {
                    kinds.get(k).add(Arrays.copyOfRange(row, LEADING, row.length));
                }
            }
            from += TABLES_PER_STATEMENT;
        } while (from < tables.size());
        sideRows.sort(Comparator.comparingLong(r -> Long.parseLong(r[2])));
        return database == null || database.isEmpty() ? Optional.empty()
                : Optional.of(new Scoped(database, new MariaDbCatalog(Collections.unmodifiableList(kinds)),
                        sideRows.stream().map(r -> r[LEADING]).toList()));
    }

    /** A scoped read: the current database's name, the rows of the tables read and the side query's texts. */
    record Scoped(String database, MariaDbCatalog catalog, List<String> sideRows) {
    }

    private static String[] allColumns(ResultSet rs) throws SQLException {
        String[] row = new String[rs.getMetaData().getColumnCount()];
        for (int i = 0; i < row.length; i++) {
            row[i] = rs.getString(i + 1);
        }
        return row;
    }
}
