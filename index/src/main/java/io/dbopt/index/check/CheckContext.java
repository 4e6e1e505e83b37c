package io.dbopt.index.check;

import io.dbopt.core.Dialect;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.ddl.IndexNames;
import java.sql.Connection;
import java.util.Objects;

/**
 * What a check runs with: an open connection (not closed by the check), the dialect, the schema analysed, the
 * thresholds, the name chooser for the indexes fixes create, and the schema's index usage counters that the checks
 * of one run share ({@link IndexUsage}: read at most once however many checks and contexts use it). Not thread-safe:
 * one context per run.
 *
 * @param connection an open connection
 * @param dialect the server's dialect
 * @param schema the schema (PostgreSQL) or database (MariaDB) analysed, not empty
 * @param options thresholds
 * @param names chooses names for indexes that fixes create
 * @param usage the schema's index usage counters, shared by the contexts of one run and schema
 */
public record CheckContext(Connection connection, Dialect dialect, String schema, IndexOptions options,
                           IndexNames names, IndexUsage usage) {

    /** Validates. */
    public CheckContext {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(usage, "usage");
        if (schema == null || schema.isEmpty()) {
            throw new IllegalArgumentException("A check needs a schema; none is selected on the connection");
        }
    }

    /** A context with index usage counters of its own (read at the first check that needs them). */
    public CheckContext(Connection connection, Dialect dialect, String schema, IndexOptions options,
                        IndexNames names) {
        this(connection, dialect, schema, options, names, IndexUsage.of(connection, dialect,
                Objects.requireNonNull(options, "options").statementTimeout(), schema));
    }
}
