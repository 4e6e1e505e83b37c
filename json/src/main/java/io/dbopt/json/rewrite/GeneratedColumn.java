package io.dbopt.json.rewrite;

import java.util.Objects;

/**
 * A stored or virtual generated column (MariaDB) and the expression it holds, normalised for comparison.
 *
 * @param table the table
 * @param column the generated column
 * @param expression its generation expression, normalised by {@link #normalise}
 * @param exact whether its values are exactly the expression's (a text type of the source column's collation), so
 *     that comparing the column compares the expression
 * @param indexed whether an index starts with it
 */
public record GeneratedColumn(String table, String column, String expression, boolean exact, boolean indexed) {

    /** Validates. */
    public GeneratedColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(expression, "expression");
    }

    /** Lower case, without white space, backticks or double quotes outside string literals. */
    public static String normalise(String expression) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\'') {
                inString = !inString;
                sb.append(c);
            } else if (inString) {
                sb.append(c);
            } else if (!Character.isWhitespace(c) && c != '`' && c != '"') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
