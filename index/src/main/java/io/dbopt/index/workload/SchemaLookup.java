package io.dbopt.index.workload;

import java.util.Optional;

/** Finds a table's columns in the catalog while SQL is analysed; implementations may cache. */
@FunctionalInterface
public interface SchemaLookup {

    /**
     * The table, if it exists.
     *
     * @param schema the schema as written in the SQL (already unquoted or folded), empty when not written
     * @param name the table name as written (already unquoted or folded)
     */
    Optional<TableColumns> table(String schema, String name);
}
