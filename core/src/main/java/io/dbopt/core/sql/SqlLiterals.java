package io.dbopt.core.sql;

import java.util.Objects;

/**
 * Makes SQL text safe to show in logs, reports and exception messages: every string and numeric literal becomes
 * {@code ?}, comments go, white space collapses to one space, and the result is cut to a length.
 *
 * <pre>{@code
 * SqlLiterals.mask("UPDATE account\n SET owner = 'O''Brien' WHERE id = 42", SqlSyntax.postgres(), 200)
 *     // "UPDATE account SET owner = ? WHERE id = ?"
 * }</pre>
 *
 * <p>Identifiers, keywords, operators and bind parameters ({@code ?}, {@code $1}) stay as written, and tokens that
 * were written without space between them stay together ({@code qty=qty+?}). Comments are dropped because they can
 * carry values too (sqlcommenter tags, hints with ids), and so does a quoted identifier left open, which would
 * otherwise show the rest of the text. Text that is not SQL is masked as well as it tokenizes; nothing here throws
 * for bad SQL. Stateless and thread-safe.
 */
public final class SqlLiterals {

    /** Appended to text that was cut. */
    public static final String ELLIPSIS = "...";

    private SqlLiterals() {
    }

    /**
     * The text with literals masked, comments dropped, white space collapsed, at most {@code maxLength} characters
     * ending with {@value #ELLIPSIS} when cut. Tokenizing stops once the limit is reached.
     *
     * @param sql the text; {@code null} or blank gives the empty string (server views report missing text so)
     * @param maxLength the longest result, 4 or more ({@link Integer#MAX_VALUE} for no limit)
     * @throws IllegalArgumentException when {@code maxLength} is below 4
     */
    public static String mask(String sql, SqlSyntax syntax, int maxLength) {
        Objects.requireNonNull(syntax, "syntax");
        if (maxLength < ELLIPSIS.length() + 1) {
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for text before \""
                    + ELLIPSIS + "\": pass 4 or more");
        }
        if (sql == null || sql.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(sql.length(), maxLength) + 16);
        Scanner scanner = new Scanner(sql, syntax);
        int previousEnd = -1;
        for (SqlToken t = scanner.next(); t != null && out.length() <= maxLength; t = scanner.next()) {
            if (t.isComment()) {
                continue;
            }
            if (out.length() > 0 && t.start() > previousEnd) {
                out.append(' ');
            }
            out.append(t.isLiteral() || isUnterminatedIdentifier(t, sql.length()) ? "?" : t.text());
            previousEnd = t.end();
        }
        if (out.length() <= maxLength) {
            return out.toString();
        }
        int cut = maxLength - ELLIPSIS.length();
        if (Character.isHighSurrogate(out.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        out.setLength(cut);
        return out.append(ELLIPSIS).toString();
    }

    /** A quoted identifier that runs to the end of the text without its closing quote. */
    private static boolean isUnterminatedIdentifier(SqlToken t, int textLength) {
        if (t.kind() != SqlTokenKind.QUOTED_IDENTIFIER || t.end() != textLength) {
            return false;
        }
        String text = t.text();
        int open = text.startsWith("U&") || text.startsWith("u&") ? 2 : 0;
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i != text.length() - 1;
                }
            }
        }
        return true;
    }
}
