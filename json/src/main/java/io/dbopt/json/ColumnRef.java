package io.dbopt.json;

import io.dbopt.core.Dialect;
import java.util.Objects;

/**
 * A column of a table, by names exactly as stored in the catalog (not quoted, case preserved); dbopt quotes them
 * through the dialect when it writes SQL.
 *
 * @param schema the schema (PostgreSQL) or database (MariaDB); empty for the connection's current one
 * @param table the table
 * @param column the column
 */
public record ColumnRef(String schema, String table, String column) {

    /** Validates. */
    public ColumnRef {
        Objects.requireNonNull(schema, "schema");
        if (table == null || table.isEmpty() || column == null || column.isEmpty()) {
            throw new IllegalArgumentException("A column needs a table and a column name");
        }
    }

    /** A column of a table in the current schema. */
    public static ColumnRef of(String table, String column) {
        return new ColumnRef("", table, column);
    }

    /** A column of a table in a given schema. */
    public static ColumnRef of(String schema, String table, String column) {
        return new ColumnRef(schema, table, column);
    }

    /** The table for SQL text, schema-qualified when a schema is given, each part quoted by the dialect. */
    public String quotedTable(Dialect dialect) {
        return schema.isEmpty() ? dialect.quote(table) : dialect.quote(schema, table);
    }

    /** The column for SQL text, quoted by the dialect. */
    public String quotedColumn(Dialect dialect) {
        return dialect.quote(column);
    }

    /** {@code table.column} (with the schema when given): the default dictionary scope and the name in messages. */
    @Override
    public String toString() {
        return (schema.isEmpty() ? "" : schema + ".") + table + "." + column;
    }
}
