package io.dbopt.migration.rollback;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.migration.schema.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Copies a small table's rows out before a migration that loses them ({@link #capture}) and puts them back on
 * rollback ({@link #restore}): rows the migration deleted are inserted again, rows it changed are set back, rows it
 * inserted are deleted, all by primary key, so rows of other tables that reference this one are never cascaded away.
 * Values travel as the server's own text form and are cast back to the column's type, which is exact for every
 * PostgreSQL type and for MariaDB's character, numeric, temporal, JSON and (as hex) binary types. Thread-safe;
 * connections are the caller's and transactions too.
 */
public final class TableDataKeeper {

    /** MariaDB types read as hex and written back with {@code UNHEX}. */
    private static final Set<String> MARIADB_BINARY = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob", "bit");
    /** MariaDB types without a faithful text form. */
    private static final Set<String> MARIADB_UNSUPPORTED = Set.of("geometry", "point", "linestring", "polygon",
            "multipoint", "multilinestring", "multipolygon", "geometrycollection");
    private static final int BATCH = 500;

    private final Dialect dialect;
    private final boolean postgres;

    public TableDataKeeper(Dialect dialect) {
        this.dialect = dialect;
        this.postgres = dialect instanceof PostgresDialect;
    }

    /**
     * The table's rows, or a skipped record saying why they were not kept: more than {@code maxRows} rows, no
     * primary key, or a column type without a faithful text form.
     */
    public TableRows capture(Connection c, TableSchema table, long maxRows) throws SQLException {
        String name = table.name();
        if (table.primaryKey().isEmpty()) {
            return TableRows.skipped(name, name + " has no primary key to match its rows by");
        }
        List<TableRows.Column> columns = postgres ? postgresColumns(c, name) : mariaDbColumns(c, name);
        for (TableRows.Column col : columns) {
            if (!postgres && MARIADB_UNSUPPORTED.contains(col.type())) {
                return TableRows.skipped(name, name + "." + col.name() + " is of type " + col.type()
                        + ", whose values dbopt does not copy");
            }
        }
        long count = Jdbc.queryFirst(c, "SELECT count(*) FROM " + dialect.quote(name), rs -> rs.getLong(1)).orElse(0L);
        if (count > maxRows) {
            return TableRows.skipped(name, name + " has " + count + " rows, more than preserveData keeps ("
                    + maxRows + ")");
        }
        List<String> key = table.primaryKey().get().columns();
        List<List<String>> rows = read(c, columns, row -> true, name, " ORDER BY " + quoted(key));
        return new TableRows(name, columns, key, rows, null);
    }

    /** Reads {@code columns} of every row of {@code table} as text, keeping the rows {@code keep} accepts. */
    private List<List<String>> read(Connection c, List<TableRows.Column> columns,
                                    java.util.function.Predicate<List<String>> keep, String table, String orderBy)
            throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ").append(readExpression(columns.get(i)));
        }
        select.append(" FROM ").append(dialect.quote(table)).append(orderBy);
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select.toString())) {
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getString(i));
                }
                if (keep.test(row)) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private List<TableRows.Column> postgresColumns(Connection c, String table) throws SQLException {
        return Jdbc.query(c, "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attidentity = 'a' "
                        + "FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 "
                        + "AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum",
                rs -> new TableRows.Column(rs.getString(1), rs.getString(2), false, rs.getBoolean(3)),
                dialect.quote(table));
    }

    private List<TableRows.Column> mariaDbColumns(Connection c, String table) throws SQLException {
        return Jdbc.query(c, "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
                        + "DATABASE() AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position",
                rs -> {
                    String type = rs.getString(2).toLowerCase(Locale.ROOT);
                    return new TableRows.Column(rs.getString(1), type, MARIADB_BINARY.contains(type), false);
                }, table);
    }

    private String readExpression(TableRows.Column col) {
        String q = dialect.quote(col.name());
        if (postgres) {
            return "CAST(" + q + " AS text)";
        }
        return col.binary() ? "HEX(" + q + ")" : "CAST(" + q + " AS CHAR)";
    }

    private String writeExpression(TableRows.Column col) {
        if (postgres) {
            return "CAST(? AS " + col.type() + ")";
        }
        return col.binary() ? "UNHEX(?)" : "?";
    }

    /**
     * Deletes the rows whose key was not there before the migration (rows it inserted), and returns how many. Run
     * for tables that reference others before the tables they reference.
     */
    public int deleteAdded(Connection c, TableRows kept) throws SQLException {
        List<TableRows.Column> keyColumns = kept.key().stream().map(k -> kept.column(k).orElseThrow(() ->
                new IllegalStateException("Key column " + k + " of " + kept.table() + " was not kept"))).toList();
        List<Integer> keyPositions = keyColumns.stream().map(k -> kept.columns().indexOf(k)).toList();
        Set<List<String>> keptKeys = new HashSet<>();
        for (List<String> row : kept.rows()) {
            keptKeys.add(keyPositions.stream().map(row::get).toList());
        }
        List<List<String>> added = read(c, keyColumns, key -> !keptKeys.contains(key), kept.table(), "");
        if (added.isEmpty()) {
            return 0;
        }
        StringBuilder delete = new StringBuilder("DELETE FROM ").append(dialect.quote(kept.table())).append(" WHERE ");
        for (int i = 0; i < keyColumns.size(); i++) {
            delete.append(i == 0 ? "" : " AND ").append(dialect.quote(keyColumns.get(i).name())).append(" = ")
                    .append(writeExpression(keyColumns.get(i)));
        }
        return batch(c, delete.toString(), added, kept.table(), "Deleting rows the migration added");
    }

    /**
     * Inserts every kept row again, or sets it back where its key exists, and returns how many rows were written.
     * The table must have its pre-migration columns again (the caller restores the structure first); run for
     * referenced tables before the tables that reference them. On PostgreSQL identity and serial sequences are
     * moved past the restored keys.
     */
    public int putBack(Connection c, TableRows kept) throws SQLException {
        int written = kept.rows().isEmpty() ? 0 : batch(c, upsert(kept), kept.rows(), kept.table(),
                "Putting the kept rows back");
        if (postgres) {
            moveSequences(c, kept);
        }
        return written;
    }

    private String upsert(TableRows kept) {
        List<String> names = kept.columns().stream().map(TableRows.Column::name).toList();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.quote(kept.table())).append(" (")
                .append(quoted(names)).append(')');
        if (postgres) {
            sql.append(" OVERRIDING SYSTEM VALUE");
        }
        sql.append(" VALUES (");
        for (int i = 0; i < kept.columns().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(writeExpression(kept.columns().get(i)));
        }
        sql.append(')');
        List<String> others = kept.columns().stream().filter(c -> !kept.key().contains(c.name()))
                .filter(c -> !c.identityAlways()).map(TableRows.Column::name).toList();
        if (postgres) {
            sql.append(" ON CONFLICT (").append(quoted(kept.key())).append(") DO ");
            if (others.isEmpty()) {
                sql.append("NOTHING");
            } else {
                sql.append("UPDATE SET ");
                for (int i = 0; i < others.size(); i++) {
                    String q = dialect.quote(others.get(i));
                    sql.append(i == 0 ? "" : ", ").append(q).append(" = EXCLUDED.").append(q);
                }
            }
        } else {
            sql.append(" ON DUPLICATE KEY UPDATE ");
            List<String> set = others.isEmpty() ? List.of(kept.key().get(0)) : others;
            for (int i = 0; i < set.size(); i++) {
                String q = dialect.quote(set.get(i));
                sql.append(i == 0 ? "" : ", ").append(q).append(" = VALUES(").append(q).append(')');
            }
        }
        return sql.toString();
    }

    /**
     * Runs {@code sql} for each row in batches. A failure is rethrown without the driver's text, which (pgjdbc's
     * "Batch entry n ... was aborted", MariaDB's duplicate-key message) would carry the row's values into logs and
     * reports: only what failed, the error kind and the SQLState.
     */
    private static int batch(Connection c, String sql, List<List<String>> rows, String table, String what)
            throws SQLException {
        int done = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    ps.setString(i + 1, row.get(i));
                }
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    done += pending;
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
                done += pending;
            }
        } catch (SQLException e) {
            SQLException root = e.getNextException() != null ? e.getNextException() : e;
            throw new SQLException(what + " of table " + table + " failed in the batch after row " + done + ": "
                    + io.dbopt.core.SqlErrors.classify(root) + " (SQLState " + root.getSQLState() + ", vendor code "
                    + root.getErrorCode() + "; the driver's message is left out because it holds row values)",
                    root.getSQLState(), root.getErrorCode());
        }
        return done;
    }

    /** Moves each serial or identity sequence of the table past the largest restored value, never backwards. */
    private void moveSequences(Connection c, TableRows kept) throws SQLException {
        String table = dialect.quote(kept.table());
        for (TableRows.Column col : kept.columns()) {
            String sequence = Jdbc.queryFirst(c, "SELECT pg_get_serial_sequence(?, ?)", rs -> rs.getString(1), table,
                    col.name()).orElse(null);
            if (sequence == null) {
                continue;
            }
            Jdbc.query(c, "SELECT setval(CAST(? AS regclass), m) FROM (SELECT max(" + dialect.quote(col.name())
                    + ") AS m FROM " + table + ") x WHERE m IS NOT NULL AND m > coalesce(pg_sequence_last_value("
                    + "CAST(? AS regclass)), 0)", rs -> rs.getLong(1), sequence, sequence);
        }
    }

    private String quoted(List<String> names) {
        List<String> q = new ArrayList<>(names.size());
        names.forEach(n -> q.add(dialect.quote(n)));
        return String.join(", ", q);
    }
}
