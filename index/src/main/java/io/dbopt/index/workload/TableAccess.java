package io.dbopt.index.workload;

import io.dbopt.index.TableName;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one statement needs from one table: its sargable predicates, the columns it sorts and groups by, the columns
 * it reads, and for writes the columns it sets.
 *
 * @param table the table, schema filled in
 * @param alias the name the statement refers to the table by (its alias, or its name)
 * @param predicates sargable predicates, in statement order
 * @param orderBy sort columns of a single-table ORDER BY, in order; empty when none or when it spans tables
 * @param orderDescending whether the sort is descending (all columns the same direction)
 * @param groupBy grouping columns of this table
 * @param referenced every column of the table the statement mentions
 * @param allColumns whether the statement reads every column ({@code *})
 * @param limited whether the statement has a LIMIT (an index in sort order can stop early)
 * @param updatedColumns columns an UPDATE sets
 * @param expressionPredicates sargable predicates on a function of a column ({@code lower(email) = ?}), in statement
 *     order; {@code predicates} holds only plain columns
 */
public record TableAccess(TableName table, String alias, List<ColumnPredicate> predicates, List<String> orderBy,
                          boolean orderDescending, List<String> groupBy, Set<String> referenced, boolean allColumns,
                          boolean limited, List<String> updatedColumns, List<ExpressionPredicate> expressionPredicates) {

    /** Validates and copies. */
    public TableAccess {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(alias, "alias");
        predicates = List.copyOf(predicates);
        orderBy = List.copyOf(orderBy);
        groupBy = List.copyOf(groupBy);
        referenced = Set.copyOf(referenced);
        updatedColumns = List.copyOf(updatedColumns);
        expressionPredicates = List.copyOf(expressionPredicates);
    }

    /** An access without expression predicates. */
    public TableAccess(TableName table, String alias, List<ColumnPredicate> predicates, List<String> orderBy,
                       boolean orderDescending, List<String> groupBy, Set<String> referenced, boolean allColumns,
                       boolean limited, List<String> updatedColumns) {
        this(table, alias, predicates, orderBy, orderDescending, groupBy, referenced, allColumns, limited,
                updatedColumns, List.of());
    }

    /** The predicates of one kind. */
    public List<ColumnPredicate> predicates(PredicateKind kind) {
        return predicates.stream().filter(p -> p.kind() == kind).toList();
    }

    /** Whether the table is filtered, joined, sorted or grouped at all. */
    public boolean hasIndexableUse() {
        return !predicates.isEmpty() || !expressionPredicates.isEmpty() || !orderBy.isEmpty() || !groupBy.isEmpty();
    }
}
