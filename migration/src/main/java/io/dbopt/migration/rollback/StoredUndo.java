package io.dbopt.migration.rollback;

import java.util.List;

/**
 * The undo generated when a migration was applied, as kept in the state table.
 *
 * @param statements the undo statements in order
 * @param irreversible what the generator could not reverse and no kept rows restore; the stored undo is usable only
 *     when empty
 * @param dataLoss what the generator could not reverse but the rows kept before the migration restore (absent in
 *     state rows written before dbopt kept rows)
 */
record StoredUndo(List<String> statements, List<String> irreversible, List<DataLoss> dataLoss) {

    StoredUndo {
        statements = List.copyOf(statements);
        irreversible = List.copyOf(irreversible);
        dataLoss = dataLoss == null ? List.of() : List.copyOf(dataLoss);
    }

    /**
     * A statement that lost rows of a table.
     *
     * @param table the table whose kept rows restore it
     * @param description the statement and why it is not reversed
     */
    record DataLoss(String table, String description) {
    }
}
