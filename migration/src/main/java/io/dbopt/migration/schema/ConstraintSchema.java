package io.dbopt.migration.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table constraint.
 *
 * @param name the stored constraint name ({@code PRIMARY} for a MariaDB primary key)
 * @param type what it enforces
 * @param columns the constrained columns, in order (empty for a CHECK)
 * @param referencedTable for a foreign key, the referenced table
 * @param referencedColumns for a foreign key, the referenced columns in order
 * @param onDelete for a foreign key, the delete rule ({@code CASCADE}, {@code RESTRICT}, {@code NO ACTION}...)
 * @param checkExpression for a CHECK, its expression as the server prints it
 * @param validated false for a PostgreSQL constraint added {@code NOT VALID} and not validated since
 * @param definition PostgreSQL's {@code pg_get_constraintdef} text; empty on MariaDB
 */
public record ConstraintSchema(String name, Type type, List<String> columns, Optional<String> referencedTable,
                               List<String> referencedColumns, Optional<String> onDelete,
                               Optional<String> checkExpression, boolean validated, String definition) {

    /** Validates and copies. */
    public ConstraintSchema {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A constraint needs a name");
        }
        Objects.requireNonNull(type, "type");
        columns = List.copyOf(columns);
        Objects.requireNonNull(referencedTable, "referencedTable");
        referencedColumns = List.copyOf(referencedColumns);
        Objects.requireNonNull(onDelete, "onDelete");
        Objects.requireNonNull(checkExpression, "checkExpression");
        Objects.requireNonNull(definition, "definition");
    }

    /** A primary key. */
    public static ConstraintSchema primaryKey(String name, List<String> columns) {
        return new ConstraintSchema(name, Type.PRIMARY_KEY, columns, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), true, "");
    }

    /** A foreign key. */
    public static ConstraintSchema foreignKey(String name, List<String> columns, String table, List<String> refColumns) {
        return new ConstraintSchema(name, Type.FOREIGN_KEY, columns, Optional.of(table), refColumns, Optional.empty(),
                Optional.empty(), true, "");
    }

    /** Whether two constraints are the same for a schema comparison (server definition text is not compared). */
    public boolean sameAs(ConstraintSchema other) {
        return name.equals(other.name) && type == other.type && columns.equals(other.columns)
                && referencedTable.equals(other.referencedTable) && referencedColumns.equals(other.referencedColumns)
                && checkExpression.map(ConstraintSchema::squash).equals(other.checkExpression.map(ConstraintSchema::squash));
    }

    private static String squash(String expression) {
        return expression.replaceAll("[\\s()`\"]", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Constraint kinds. */
    public enum Type {
        /** PRIMARY KEY. */
        PRIMARY_KEY,
        /** UNIQUE (PostgreSQL; MariaDB unique keys are {@link IndexSchema#unique() unique indexes}). */
        UNIQUE,
        /** FOREIGN KEY. */
        FOREIGN_KEY,
        /** CHECK. */
        CHECK
    }
}
