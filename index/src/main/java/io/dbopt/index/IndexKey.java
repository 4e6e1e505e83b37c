package io.dbopt.index;

import io.dbopt.core.Dialect;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key elements of an {@link IndexDefinition}: a plain column name, or an expression index key of the form
 * {@code (function(column))} (PostgreSQL), such as {@code (lower(email))} for {@code WHERE lower(email) = ?}. Only a
 * single function name applied to a single column is accepted, so the SQL dbopt writes from a key is always the
 * function name followed by the column quoted through the dialect. Stateless.
 */
public final class IndexKey {

    private static final Pattern EXPRESSION = Pattern.compile("\\(([a-z_][a-z0-9_]*)\\((.+)\\)\\)", Pattern.DOTALL);

    private IndexKey() {
    }

    /**
     * The key element for {@code function(column)}.
     *
     * @throws IllegalArgumentException when the function name is not a plain lower-case identifier or the column is
     *     empty
     */
    public static String expression(String function, String column) {
        String fn = function == null ? "" : function.toLowerCase(Locale.ROOT);
        if (!fn.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("An expression index key needs a plain function name, was '"
                    + function + "'");
        }
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("An expression index key needs a column");
        }
        return "(" + fn + "(" + column + "))";
    }

    /** Whether the element is an expression key rather than a column name. */
    public static boolean isExpression(String element) {
        return element.startsWith("(");
    }

    /**
     * The column an element indexes: the element itself, or the column inside an expression key.
     *
     * @throws IllegalArgumentException when an element that starts with {@code (} is not {@code (function(column))}
     */
    public static String column(String element) {
        return isExpression(element) ? parse(element).group(2) : element;
    }

    /** The function of an expression key; empty for a column. */
    public static String function(String element) {
        return isExpression(element) ? parse(element).group(1) : "";
    }

    /** Checks an element: a column name, or a well-formed expression key. */
    static void validate(String element) {
        if (isExpression(element)) {
            parse(element);
        }
    }

    /** The element as index DDL writes it: a quoted column, or {@code (function("column"))}. */
    public static String render(String element, Dialect dialect) {
        if (!isExpression(element)) {
            return dialect.quote(element);
        }
        Matcher m = parse(element);
        return "(" + m.group(1) + "(" + dialect.quote(m.group(2)) + "))";
    }

    /** The element as part of a generated index name: {@code email}, or {@code lower_email}. */
    public static String namePart(String element) {
        return isExpression(element) ? function(element) + "_" + column(element) : element;
    }

    private static Matcher parse(String element) {
        Matcher m = EXPRESSION.matcher(element);
        if (!m.matches()) {
            throw new IllegalArgumentException("Index key '" + element + "' starts with '(' but is not an expression "
                    + "key of the form (function(column)); give a column name or use IndexKey.expression(...)");
        }
        return m;
    }
}
