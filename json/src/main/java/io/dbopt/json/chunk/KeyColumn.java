package io.dbopt.json.chunk;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.json.ColumnRef;
import io.dbopt.json.JsonErrorCode;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The single column a chunked job walks a table by: given, or the table's one-column primary key; whole numbers are
 * compared as numbers, anything else as text. Immutable.
 *
 * @param name the column's name as stored
 * @param numeric whether it holds whole numbers
 */
public record KeyColumn(String name, boolean numeric) {

    /**
     * Finds the key column of a table.
     *
     * @param given the column the caller named, or null to use the primary key
     * @throws DbOptException {@link JsonErrorCode#UNSUPPORTED_COLUMN} when the table has no one-column primary key
     *     and none was given
     */
    public static KeyColumn of(Connection connection, Dialect dialect, ColumnRef table, String given)
            throws SQLException {
        // catalog reads are dbopt's own statements: a table locked by DDL ends them instead of hanging the caller
        Connection c = io.dbopt.core.jdbc.TimedConnection.of(connection, java.time.Duration.ofSeconds(30));
        String name = given != null ? given : primaryKey(c, dialect, table);
        String sql = "SELECT " + dialect.quote(name) + " FROM " + table.quotedTable(dialect) + " WHERE 1 = 0";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int type = rs.getMetaData().getColumnType(1);
            boolean numeric = type == Types.INTEGER || type == Types.BIGINT || type == Types.SMALLINT
                    || type == Types.TINYINT;
            return new KeyColumn(name, numeric);
        }
    }

    private static String primaryKey(Connection c, Dialect dialect, ColumnRef table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        boolean pg = dialect instanceof io.dbopt.core.PostgresDialect;
        String schema = table.schema().isEmpty() ? (pg ? c.getSchema() : c.getCatalog()) : table.schema();
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = pg ? meta.getPrimaryKeys(null, schema, table.table())
                : meta.getPrimaryKeys(schema, null, table.table())) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
            }
        }
        if (columns.size() != 1) {
            throw new DbOptException(JsonErrorCode.UNSUPPORTED_COLUMN, "Table " + table.table() + " has "
                    + (columns.isEmpty() ? "no primary key" : "a primary key of " + columns.size() + " columns")
                    + ": name a unique, indexed column to walk it by (keyColumn(...))");
        }
        return columns.get(0);
    }

    /** Binds a key value read back from the checkpoint. */
    public void bind(PreparedStatement ps, int index, String value) throws SQLException {
        if (numeric) {
            ps.setLong(index, Long.parseLong(value));
        } else {
            ps.setString(index, value);
        }
    }
}
