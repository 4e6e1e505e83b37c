package io.dbopt.query.rewrite;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Table metadata read through {@link DatabaseMetaData} (current schema on PostgreSQL, current database on MariaDB)
 * and cached for the lifetime of the rewriter. Without a data source every lookup is empty and the rules that need
 * metadata give advice instead of rewriting. Thread-safe.
 */
final class SchemaMetadata {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Map<String, Optional<TableMetadata>> cache = new ConcurrentHashMap<>();

    SchemaMetadata(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    boolean available() {
        return dataSource != null;
    }

    /** A table by its name as written in SQL (quoted or not, without schema). */
    Optional<TableMetadata> table(String nameAsWritten) {
        if (dataSource == null) {
            return Optional.empty();
        }
        String stored = nameAsWritten.startsWith("\"") || nameAsWritten.startsWith("`")
                ? TableMetadata.unquote(nameAsWritten) : dialect.foldUnquoted(nameAsWritten);
        return cache.computeIfAbsent(stored, this::read);
    }

    private Optional<TableMetadata> read(String table) {
        return Jdbc.withConnection(dataSource, "reading the columns of " + table, c -> read(c, table));
    }

    private Optional<TableMetadata> read(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        boolean pg = dialect instanceof PostgresDialect;
        String catalog = pg ? null : c.getCatalog();
        String schema = pg ? c.getSchema() : null;
        List<TableMetadata.Column> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalog, schema, table, null)) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME"))) {
                    columns.add(new TableMetadata.Column(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
                            rs.getString("TYPE_NAME"), rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Set<String> leading = new HashSet<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, false, true)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                if (rs.getInt("ORDINAL_POSITION") == 1 && column != null) {
                    leading.add(TableMetadata.unquote(column).toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.of(new TableMetadata(table, columns, leading));
    }
}
