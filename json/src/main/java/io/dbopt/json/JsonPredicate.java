package io.dbopt.json;

import java.util.Objects;
import java.util.Optional;

/**
 * One use of a JSON column in a statement's conditions: which column, which operator, which path, how the value is
 * compared and with what.
 *
 * @param table the table, as named in the statement (unquoted); empty when a column of a join could not be placed
 * @param column the column, unquoted
 * @param operator how the statement reaches into the column
 * @param path the path followed (root for whole-document operators)
 * @param comparison how the value at the path is compared
 * @param cast the type the value is cast to before the comparison ({@code numeric}, {@code int}), empty for none
 * @param literal the constant compared with, when the statement holds one (not a parameter)
 */
public record JsonPredicate(String table, String column, JsonOperator operator, JsonPath path, Comparison comparison,
                           String cast, Optional<String> literal) {

    /** Validates. */
    public JsonPredicate {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(cast, "cast");
        Objects.requireNonNull(literal, "literal");
    }

    /** The same predicate on a resolved table. */
    public JsonPredicate onTable(String resolved) {
        return new JsonPredicate(resolved, column, operator, path, comparison, cast, literal);
    }

    /** {@code table.column} with the path and operator, for messages. */
    public String describe() {
        String where = (table.isEmpty() ? "" : table + ".") + column;
        return switch (operator) {
            case EXTRACT_TEXT, EXTRACT, JSON_VALUE, JSON_EXTRACT -> where + " path " + path + " "
                    + comparison.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + (cast.isEmpty() ? "" : " as " + cast);
            default -> where + " " + operator.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + (path.steps().isEmpty() ? "" : " at " + path);
        };
    }
}
