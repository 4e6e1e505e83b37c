package io.dbopt.bulk.load;

import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The target table as the catalog describes it: its quoted name and the type of each mapped column
 * ({@code pg_type.typname} on PostgreSQL, {@code DATA_TYPE} on MariaDB).
 *
 * @param quotedName the schema-qualified name when a schema was given, quoted by the dialect
 * @param name the table's name, unquoted
 * @param columns the mapped columns, unquoted, in mapping order
 * @param types each mapped column's type, lower case
 */
record TargetTable(String quotedName, String name, List<String> columns, List<String> types) {

    /**
     * Reads the table's columns.
     *
     * @throws DbOptException with {@link BulkErrorCode#INVALID_REQUEST} when the table or a mapped column is missing
     */
    /** The time limit of the catalog query, in seconds: a locked catalog ends the load instead of hanging it. */
    static final int CATALOG_TIMEOUT_SECONDS = 30;

    static TargetTable read(Connection c, Dialect dialect, Optional<String> schema, String table,
                            List<String> mapped) throws SQLException {
        String quoted = schema.map(s -> dialect.quote(s, table)).orElse(dialect.quote(table));
        Map<String, String> found = new LinkedHashMap<>();
        boolean postgres = dialect.resourceFolder().equals("postgresql");
        String sql = postgres
                ? "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                        + "WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"
                : "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                        + (schema.isPresent() ? "?" : "DATABASE()") + " AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(CATALOG_TIMEOUT_SECONDS);
            if (postgres) {
                ps.setString(1, quoted);
            } else if (schema.isPresent()) {
                ps.setString(1, schema.get());
                ps.setString(2, table);
            } else {
                ps.setString(1, table);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (found.isEmpty()) {
            throw new DbOptException(BulkErrorCode.INVALID_REQUEST, "Table " + quoted + " does not exist (or has no "
                    + "column this user can see): create it first, or check the table and schema names");
        }
        List<String> types = new ArrayList<>();
        for (String col : mapped) {
            String type = found.get(col);
            if (type == null) {
                throw new DbOptException(BulkErrorCode.INVALID_REQUEST, "Table " + quoted + " has no column '" + col
                        + "': map one of " + found.keySet());
            }
            types.add(type);
        }
        return new TargetTable(quoted, table, List.copyOf(mapped), List.copyOf(types));
    }

    /** The mapped columns, each quoted, joined by commas. */
    String columnList(Dialect dialect) {
        StringBuilder sb = new StringBuilder();
        for (String col : columns) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(dialect.quote(col));
        }
        return sb.toString();
    }

    /** Whether every mapped column's type has a binary COPY writer. */
    boolean binaryCapable() {
        return types.stream().allMatch(BinaryRowEncoder::supports);
    }

    /** Whether MariaDB column {@code i} holds bytes (loaded as hex through {@code UNHEX}). */
    boolean isBinaryColumn(int i) {
        String t = types.get(i);
        return t.equals("binary") || t.equals("varbinary") || t.endsWith("blob");
    }
}
