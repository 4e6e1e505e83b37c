package io.dbopt.index;

import io.dbopt.core.Dialect;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key elements of an {@link IndexDefinition}: a plain column name, or an expression index key of the form
 * {@code (function(column))} (PostgreSQL), such as {@code (lower(email))} for {@code WHERE lower(email) = ?}. Only a
 * single function name applied to a single column is accepted, so the SQL dbopt writes from a key is always the
 * function name followed by the column quoted through the dialect.
 *
 * <p>A third form, {@link #sql(String)}, carries an expression already written as SQL by a
 * {@link io.dbopt.index.spi.CandidateSource} (identifiers quoted by it): {@code (("attrs" ->> 'status'))}. It is
 * rendered as given and its column is the first identifier in it. Stateless.
 */
public final class IndexKey {

    private static final Pattern EXPRESSION = Pattern.compile("\\(([a-z_][a-z0-9_]*)\\((.+)\\)\\)", Pattern.DOTALL);
    private static final Pattern SQL_COLUMN = Pattern.compile(
            "\"((?:[^\"]|\"\")+)\"|`((?:[^`]|``)+)`|([A-Za-z_][A-Za-z0-9_$]*)");

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

    /**
     * The key element for an expression written in SQL, in parentheses, starting with the column it reads and with
     * every identifier already quoted: {@code ("attrs" ->> 'status')} or {@code (("attrs" ->> 'price')::numeric)}.
     * For {@link io.dbopt.index.spi.CandidateSource}s, which write their own expressions.
     *
     * @throws IllegalArgumentException when it is not in parentheses, holds a {@code ;} or starts with no identifier
     */
    public static String sql(String expression) {
        if (expression == null || !expression.startsWith("(") || !expression.endsWith(")")
                || expression.indexOf(';') >= 0) {
            throw new IllegalArgumentException("An SQL expression key is one expression in parentheses, was '"
                    + expression + "'");
        }
        String element = "(" + expression + ")";
        sqlColumn(element);
        return element;
    }

    /** Whether the element is an expression key rather than a column name. */
    public static boolean isExpression(String element) {
        return element.startsWith("(");
    }

    /** Whether the element is an expression written in SQL ({@link #sql(String)}). */
    public static boolean isSql(String element) {
        return element.startsWith("((");
    }

    /**
     * The column an element indexes: the element itself, or the column inside an expression key.
     *
     * @throws IllegalArgumentException when an element that starts with {@code (} is not {@code (function(column))}
     */
    public static String column(String element) {
        return isSql(element) ? sqlColumn(element) : isExpression(element) ? parse(element).group(2) : element;
    }

    /** The function of an expression key; empty for a column or an SQL expression. */
    public static String function(String element) {
        return isExpression(element) && !isSql(element) ? parse(element).group(1) : "";
    }

    /** Checks an element: a column name, or a well-formed expression key. */
    static void validate(String element) {
        if (isSql(element)) {
            sqlColumn(element);
        } else if (isExpression(element)) {
            parse(element);
        }
    }

    /** The element as index DDL writes it: a quoted column, {@code (function("column"))}, or the SQL as given. */
    public static String render(String element, Dialect dialect) {
        if (isSql(element)) {
            return element;
        }
        if (!isExpression(element)) {
            return dialect.quote(element);
        }
        Matcher m = parse(element);
        return "(" + m.group(1) + "(" + dialect.quote(m.group(2)) + "))";
    }

    /** The element as part of a generated index name: {@code email}, {@code lower_email} or {@code attrs_expr}. */
    public static String namePart(String element) {
        return isSql(element) ? column(element) + "_expr"
                : isExpression(element) ? function(element) + "_" + column(element) : element;
    }

    /** The first identifier of an SQL expression key, unquoted. */
    private static String sqlColumn(String element) {
        int i = 0;
        while (i < element.length() && element.charAt(i) == '(') {
            i++;
        }
        Matcher m = SQL_COLUMN.matcher(element).region(i, element.length());
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("SQL expression key '" + element + "' does not start with the "
                    + "column it reads");
        }
        return m.group(1) != null ? m.group(1).replace("\"\"", "\"")
                : m.group(2) != null ? m.group(2).replace("``", "`") : m.group(3);
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
