package io.dbopt.index.workload;

import java.util.Objects;

/**
 * One sargable use of a column.
 *
 * @param column the column, catalog spelling
 * @param kind how it is used
 * @param literal the constant compared with, as SQL text, when the statement holds a literal (not a parameter);
 *     empty otherwise. Only EQUALITY predicates keep it, for partial indexes.
 */
public record ColumnPredicate(String column, PredicateKind kind, String literal) {

    /** Validates. */
    public ColumnPredicate {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(literal, "literal");
    }

    /** Whether an equality-like seek can use the column ({@link PredicateKind#EQUALITY}, IN, JOIN). */
    public boolean isSeek() {
        return kind == PredicateKind.EQUALITY || kind == PredicateKind.IN || kind == PredicateKind.JOIN;
    }
}
