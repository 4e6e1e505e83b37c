package io.dbopt.index;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link IndexManager} did to an index.
 *
 * @param action what happened
 * @param table the table
 * @param index the index name
 * @param statements the DDL executed, in order (empty when nothing had to be done)
 * @param elapsed how long it took
 */
public record ApplyResult(Action action, TableName table, String index, List<String> statements, Duration elapsed) {

    /** Validates and copies. */
    public ApplyResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        statements = List.copyOf(statements);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** What happened to the index. */
    public enum Action {
        /** The index was built. */
        CREATED,
        /** An INVALID index of that name (a failed earlier build) was dropped and the index built again. */
        REBUILT_INVALID,
        /** An index of that name and definition already existed: nothing was done. */
        ALREADY_PRESENT,
        /** The index was dropped. */
        DROPPED,
        /** No index of that name existed: nothing was done. */
        ABSENT,
        /** The index was hidden from the optimizer (MariaDB IGNORED). */
        HIDDEN,
        /** The index was made visible to the optimizer again. */
        SHOWN
    }
}
