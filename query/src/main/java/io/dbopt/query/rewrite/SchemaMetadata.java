package io.dbopt.query.rewrite;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Table metadata read from the catalog (current schema on PostgreSQL, current database on MariaDB) with dbopt's own
 * marked queries ({@link SqlResource#MARKER}), so that the doctor's Queries section never reports them as the
 * application's statements (pgjdbc's {@code DatabaseMetaData.getColumns} query, which this read before, it did), and
 * cached for the lifetime of the rewriter. Without a data source every lookup is empty and the rules that need
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
        List<TableMetadata.Column> columns = Jdbc.query(c, SqlResource.load("query", dialect, "table-columns"),
                rs -> new TableMetadata.Column(rs.getString("column_name"), rs.getString("type"),
                        rs.getBoolean("nullable")), table);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Set<String> leading = new HashSet<>(Jdbc.query(c, SqlResource.load("query", dialect, "table-index-leaders"),
                rs -> rs.getString("column_name").toLowerCase(Locale.ROOT), table));
        return Optional.of(new TableMetadata(table, columns, leading));
    }
}
