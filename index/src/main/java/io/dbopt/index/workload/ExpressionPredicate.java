package io.dbopt.index.workload;

import java.util.Objects;

/**
 * A sargable use of one function of one column, such as {@code lower(email) = ?} or {@code date(created_at) >= ?}:
 * no index on the column serves it, an expression index on {@code (function(column))} can (PostgreSQL).
 *
 * @param function the function's name, lower case, one of the functions dbopt proposes expression indexes for
 * @param column the column, catalog spelling
 * @param kind how the expression is used: {@link PredicateKind#EQUALITY}, {@link PredicateKind#IN} or
 *     {@link PredicateKind#RANGE}
 */
public record ExpressionPredicate(String function, String column, PredicateKind kind) {

    /** Validates. */
    public ExpressionPredicate {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
    }
}
