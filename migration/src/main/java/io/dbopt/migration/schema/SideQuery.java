package io.dbopt.migration.schema;

import java.sql.Connection;
import java.util.List;
import java.util.Objects;

/**
 * A small query answered in the same statement as a scoped MariaDB catalog read
 * ({@link SchemaReader#read(Connection, List, SideQuery)}), so that a caller needing one more lookup before a migration
 * pays no round trip of its own for it. The query selects exactly two columns, named {@code side_position} (an
 * integer the rows are ordered by) and {@code side_text}, from an ordinary table; identifiers in it are quoted by the
 * caller through the dialect and every value is a parameter. Immutable.
 *
 * @param sql        the query, without a trailing semicolon
 * @param parameters its bind values, in order
 */
public record SideQuery(String sql, List<Object> parameters) {

    public SideQuery {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank() || sql.strip().endsWith(";")) {
            throw new IllegalArgumentException("A side query is one SELECT without a trailing semicolon, not '"
                    + sql + "'");
        }
        parameters = List.copyOf(parameters);
    }
}
