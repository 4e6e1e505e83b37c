package io.dbopt.migration;

import java.util.List;

/**
 * The undo generated when a migration was applied, as kept in the state table.
 *
 * @param statements the undo statements in order
 * @param irreversible what the generator could not reverse; the stored undo is usable only when empty
 */
record StoredUndo(List<String> statements, List<String> irreversible) {

    StoredUndo {
        statements = List.copyOf(statements);
        irreversible = List.copyOf(irreversible);
    }
}
