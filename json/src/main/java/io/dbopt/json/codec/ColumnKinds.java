package io.dbopt.json.codec;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.json.ColumnEncoding;
import io.dbopt.json.ColumnRef;
import io.dbopt.json.JsonErrorCode;
import io.dbopt.json.storage.JdbcTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/** Which {@link ColumnEncoding} a column's type can hold. Stateless. */
public final class ColumnKinds {

    private ColumnKinds() {
    }

    /**
     * The encoding for a column: binary for byte types, text for character types.
     *
     * @throws DbOptException {@link JsonErrorCode#UNSUPPORTED_COLUMN} for JSON columns (their type rejects
     *     compressed values) and types that hold neither
     */
    public static ColumnEncoding encodingOf(Connection connection, Dialect dialect, ColumnRef column)
            throws SQLException {
        // catalog reads are dbopt's own statements: a table locked by DDL ends them instead of hanging the caller
        Connection c = io.dbopt.core.jdbc.TimedConnection.of(connection, java.time.Duration.ofSeconds(30));
        String sql = "SELECT " + column.quotedColumn(dialect) + " FROM " + column.quotedTable(dialect) + " WHERE 1 = 0";
        int type;
        String name;
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            type = meta.getColumnType(1);
            name = meta.getColumnTypeName(1).toLowerCase(Locale.ROOT);
        }
        if (JdbcTypes.isBinary(type)) {
            return ColumnEncoding.BINARY;
        }
        if (name.contains("json") || !(dialect instanceof PostgresDialect) && isMariaDbJson(c, column)) {
            throw new DbOptException(JsonErrorCode.UNSUPPORTED_COLUMN, "Column " + column + " is a JSON column, "
                    + "whose type rejects compressed values: on PostgreSQL let TOAST compress it (ALTER TABLE ... "
                    + "ALTER COLUMN ... SET COMPRESSION lz4), on MariaDB use a COMPRESSED column, or move it to a "
                    + "binary column and compress in the application");
        }
        if (type == Types.VARCHAR || type == Types.LONGVARCHAR || type == Types.CLOB || type == Types.NVARCHAR
                || type == Types.LONGNVARCHAR || type == Types.NCLOB || type == Types.CHAR) {
            return ColumnEncoding.TEXT;
        }
        throw new DbOptException(JsonErrorCode.UNSUPPORTED_COLUMN, "Column " + column + " has type " + name
                + ", which holds neither text nor bytes: compress text, JSON text or binary columns only");
    }

    /** MariaDB's JSON is LONGTEXT with a json_valid check; MySQL reports it as JSON. */
    private static boolean isMariaDbJson(Connection c, ColumnRef column) throws SQLException {
        String sql = "SELECT COUNT(*) FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = "
                + (column.schema().isEmpty() ? "DATABASE()" : "?") + " AND TABLE_NAME = ? AND CHECK_CLAUSE LIKE ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (!column.schema().isEmpty()) {
                ps.setString(i++, column.schema());
            }
            ps.setString(i++, column.table());
            ps.setString(i, "%json_valid(`" + column.column().replace("`", "``").replace("%", "\\%")
                    .replace("_", "\\_") + "`)%");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            if (io.dbopt.core.SqlErrors.classify(e) == io.dbopt.core.ErrorKind.UNDEFINED_OBJECT) {
                return false; // MySQL before 8.0.16 has no CHECK_CONSTRAINTS, and reports JSON by name
            }
            throw e;
        }
    }
}
