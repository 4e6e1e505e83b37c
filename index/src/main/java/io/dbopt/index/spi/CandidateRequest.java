package io.dbopt.index.spi;

import io.dbopt.core.Dialect;
import io.dbopt.index.WorkloadEntry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link CandidateSource} gets: the run's connection (borrowed; do not close it), the server, the schema
 * analysed, the workload's statements (candidates name them by position) and the time limit of each statement.
 *
 * @param connection the run's connection
 * @param dialect the server's dialect
 * @param schema the schema (PostgreSQL) or database (MariaDB) analysed
 * @param statements the workload's statements, in order
 * @param statementTimeout the longest any statement the source runs may take
 */
public record CandidateRequest(Connection connection, Dialect dialect, String schema, List<WorkloadEntry> statements,
                               Duration statementTimeout) {

    /** Validates and copies. */
    public CandidateRequest {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(schema, "schema");
        statements = List.copyOf(statements);
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }
}
