package io.dbopt.query;

import java.util.List;
import java.util.Objects;

/**
 * The server's top statements, or why they are not available.
 *
 * @param status whether the server collects statement statistics
 * @param detail what is missing and how to enable it, empty when available
 * @param queries the statements with the most total time, most first
 * @param lost statements the server could not keep since its statistics were reset because the table was full
 *     (pg_stat_statements evictions on PostgreSQL 14+, lost digests on MariaDB); 0 when none or unknown
 * @param capacity how many statements the server keeps ({@code pg_stat_statements.max},
 *     {@code performance_schema_digests_size}); 0 when unknown
 */
public record ServerStatistics(Status status, String detail, List<ServerQuery> queries, long lost, long capacity) {

    /** Validates and copies. */
    public ServerStatistics {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        queries = List.copyOf(queries);
    }

    /** Whether the server collects statement statistics. */
    public enum Status {
        /** Statistics were read. */
        AVAILABLE,
        /** {@code pg_stat_statements} is not installed in this database. */
        NOT_INSTALLED,
        /** {@code pg_stat_statements} is installed but not in {@code shared_preload_libraries}. */
        NOT_LOADED,
        /** MariaDB's {@code performance_schema} or its {@code statements_digest} consumer is off. */
        DISABLED,
        /** The user may not read the statistics. */
        NO_PERMISSION
    }

    /** Whether the server dropped statements because its statistics table was full. */
    public boolean incomplete() {
        return lost > 0;
    }

    /** Whether statistics were read. */
    public boolean available() {
        return status == Status.AVAILABLE;
    }
}
