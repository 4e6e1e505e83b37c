package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.ddl.IndexNames;
import java.sql.Connection;
import java.util.Objects;

/**
 * What a check runs with: an open connection (not closed by the check), the dialect, the schema analysed, the
 * thresholds, and the name chooser for the indexes fixes create. Not thread-safe: one context per run.
 *
 * @param connection an open connection
 * @param dialect the server's dialect
 * @param schema the schema (PostgreSQL) or database (MariaDB) analysed, not empty
 * @param options thresholds
 * @param names chooses names for indexes that fixes create
 */
public record CheckContext(Connection connection, Dialect dialect, String schema, IndexOptions options,
                           IndexNames names) {

    /** Validates. */
    public CheckContext {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(names, "names");
        if (schema == null || schema.isEmpty()) {
            throw new IllegalArgumentException("A check needs a schema; none is selected on the connection");
        }
    }
}
