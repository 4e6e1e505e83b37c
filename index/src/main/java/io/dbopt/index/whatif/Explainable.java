package io.dbopt.index.whatif;

import io.dbopt.index.workload.QueryShape;
import java.util.Objects;

/**
 * A workload statement made ready for EXPLAIN: on PostgreSQL the text with {@code $n} parameters, planned as a
 * generic plan; on MariaDB the text with its placeholders filled with representative values.
 *
 * @param sql the text to explain
 * @param parameterCount the number of {@code $n} parameters (PostgreSQL), 0 otherwise
 * @param shape what the statement needs from indexes
 */
public record Explainable(String sql, int parameterCount, QueryShape shape) {

    /** Validates. */
    public Explainable {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(shape, "shape");
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameterCount must be >= 0");
        }
    }
}
