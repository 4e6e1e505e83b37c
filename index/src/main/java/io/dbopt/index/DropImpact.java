package io.dbopt.index;

import java.util.List;
import java.util.Objects;

/**
 * What dropping an index would do to a workload, estimated without dropping it.
 *
 * @param table the index's table
 * @param index the index name
 * @param method how it was estimated ({@link WhatIfMethod#NONE} when it could not be)
 * @param statements every workload statement on the table with its cost now and without the index
 * @param note why the estimate could not run, empty when it ran
 */
public record DropImpact(TableName table, String index, WhatIfMethod method, List<StatementImpact> statements,
                         String note) {

    /** Validates and copies. */
    public DropImpact {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(method, "method");
        statements = List.copyOf(statements);
        Objects.requireNonNull(note, "note");
    }

    /** The statements whose estimated cost would rise by more than {@code share} (e.g. 0.1 for 10 %). */
    public List<StatementImpact> slowerBy(double share) {
        return statements.stream().filter(s -> s.costBefore() > 0
                && (s.costAfter() - s.costBefore()) / s.costBefore() > share).toList();
    }

    /** Whether no statement of the workload would get more than 1 % slower. */
    public boolean isSafe() {
        return method != WhatIfMethod.NONE && slowerBy(0.01).isEmpty();
    }
}
