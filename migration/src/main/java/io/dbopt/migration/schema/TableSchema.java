package io.dbopt.migration.schema;

import java.util.List;
import java.util.Optional;

/**
 * One table: columns in order, indexes and constraints sorted by name, and the planner's row estimate (which is
 * never compared, only used to size advice).
 *
 * @param name the stored table name
 * @param columns the columns in ordinal order
 * @param indexes the indexes that do not back a constraint, by name
 * @param constraints the constraints, by name
 * @param estimatedRows the server's estimate of the row count, 0 when unknown
 */
public record TableSchema(String name, List<ColumnSchema> columns, List<IndexSchema> indexes,
                          List<ConstraintSchema> constraints, long estimatedRows) {

    /** Validates and copies. */
    public TableSchema {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A table needs a name");
        }
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        constraints = List.copyOf(constraints);
        if (estimatedRows < 0) {
            throw new IllegalArgumentException("estimatedRows of " + name + " must be >= 0");
        }
    }

    /** The column with this stored name. */
    public Optional<ColumnSchema> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The primary key, if any. */
    public Optional<ConstraintSchema> primaryKey() {
        return constraints.stream().filter(c -> c.type() == ConstraintSchema.Type.PRIMARY_KEY).findFirst();
    }

    /**
     * Whether some index, primary key or unique constraint starts with exactly these columns, so that lookups by
     * them (a foreign key's checks, for example) do not scan the table.
     */
    public boolean hasIndexLeadingWith(List<String> leading) {
        if (leading.isEmpty()) {
            return true;
        }
        for (IndexSchema index : indexes) {
            if (index.predicate().isEmpty() && startsWith(index.columns(), leading)) {
                return true;
            }
        }
        for (ConstraintSchema c : constraints) {
            if ((c.type() == ConstraintSchema.Type.PRIMARY_KEY || c.type() == ConstraintSchema.Type.UNIQUE)
                    && startsWith(c.columns(), leading)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(List<String> columns, List<String> leading) {
        return columns.size() >= leading.size() && columns.subList(0, leading.size()).equals(leading);
    }
}
