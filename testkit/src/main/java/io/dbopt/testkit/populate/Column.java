package io.dbopt.testkit.populate;

import java.util.Objects;
import java.util.Optional;

/**
 * One column of a planted table.
 *
 * @param name the column name, quoted by the dialect when written
 * @param type the portable type
 * @param length the length of a VARCHAR, 0 otherwise
 * @param nullable whether NULL is allowed
 * @param referencedTable the table a foreign key on this column points to, empty when none
 * @param valueExpression a SQL expression over the row number {@code n} that fills the column, empty for the default
 */
public record Column(String name, ColumnType type, int length, boolean nullable, String referencedTable,
                     String valueExpression) {

    /** Validates. */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(referencedTable, "referencedTable");
        Objects.requireNonNull(valueExpression, "valueExpression");
        if (type == ColumnType.VARCHAR && length <= 0) {
            throw new IllegalArgumentException("VARCHAR column " + name + " needs a positive length");
        }
    }

    /** The referenced table, if this column is a foreign key. */
    public Optional<String> references() {
        return referencedTable.isEmpty() ? Optional.empty() : Optional.of(referencedTable);
    }
}
