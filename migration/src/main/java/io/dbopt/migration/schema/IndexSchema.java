package io.dbopt.migration.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One index that does not back a constraint (primary key and PostgreSQL unique-constraint indexes are described by
 * their {@link ConstraintSchema}).
 *
 * @param name the stored index name
 * @param columns the key columns or expressions, in order
 * @param unique whether it enforces uniqueness
 * @param predicate the partial-index predicate (PostgreSQL), if any
 * @param valid false for a PostgreSQL index left INVALID by a failed {@code CREATE INDEX CONCURRENTLY}
 * @param definition the server's own CREATE INDEX text (PostgreSQL {@code pg_get_indexdef}), empty on MariaDB
 */
public record IndexSchema(String name, List<String> columns, boolean unique, Optional<String> predicate, boolean valid,
                          String definition) {

    /** Validates and copies. */
    public IndexSchema {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An index needs a name");
        }
        columns = List.copyOf(columns);
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(definition, "definition");
    }

    /** A valid, non-partial index. */
    public static IndexSchema of(String name, List<String> columns, boolean unique) {
        return new IndexSchema(name, columns, unique, Optional.empty(), true, "");
    }

    /** Whether two indexes are the same for a schema comparison (the server's definition text is not compared). */
    public boolean sameAs(IndexSchema other) {
        return name.equals(other.name) && columns.equals(other.columns) && unique == other.unique
                && predicate.equals(other.predicate) && valid == other.valid;
    }
}
