package io.dbopt.index;

import io.dbopt.core.Dialect;
import java.util.Objects;

/**
 * A table by schema (PostgreSQL) or database (MariaDB) and name, both exactly as stored in the catalog (not quoted,
 * case preserved).
 *
 * @param schema the schema or database; empty means the connection's current one
 * @param name the table name, not blank
 */
public record TableName(String schema, String name) {

    /** Validates. */
    public TableName {
        Objects.requireNonNull(schema, "schema");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A table needs a name");
        }
    }

    /** A table in the current schema. */
    public static TableName of(String name) {
        return new TableName("", name);
    }

    /** A table in a given schema. */
    public static TableName of(String schema, String name) {
        return new TableName(schema, name);
    }

    /** The table with {@code defaultSchema} filled in when no schema was given. */
    public TableName inSchema(String defaultSchema) {
        return schema.isEmpty() ? new TableName(defaultSchema, name) : this;
    }

    /** The name for SQL text, each part quoted by the dialect, schema-qualified when a schema is known. */
    public String quoted(Dialect dialect) {
        return schema.isEmpty() ? dialect.quote(name) : dialect.quote(schema, name);
    }

    @Override
    public String toString() {
        return schema.isEmpty() ? name : schema + "." + name;
    }
}
