package io.dbopt.migration.schema;

import java.util.List;
import java.util.Objects;

/**
 * A scoped snapshot and the rows of the {@link SideQuery} read in the same statement, ordered by their
 * {@code side_position}. Immutable.
 *
 * @param snapshot the snapshot, the same as {@link SchemaReader#read(java.sql.Connection, List)} gives
 * @param sideRows the side query's {@code side_text} values
 */
public record SideReadSnapshot(SchemaSnapshot snapshot, List<String> sideRows) {

    public SideReadSnapshot {
        Objects.requireNonNull(snapshot, "snapshot");
        sideRows = List.copyOf(sideRows);
    }
}
