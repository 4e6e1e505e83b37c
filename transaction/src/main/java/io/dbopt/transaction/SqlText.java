package io.dbopt.transaction;

/**
 * Makes server-reported SQL text safe to show: literals are replaced by {@code ?} (string, numeric, dollar-quoted and,
 * on MariaDB, double-quoted strings), white space is collapsed and the text is cut to a length. Server views such as
 * {@code pg_stat_activity.query} or {@code SHOW ENGINE INNODB STATUS} carry literal values, which dbopt never puts in
 * reports or logs.
 */
final class SqlText {

    static final int MAX_LENGTH = 300;

    private SqlText() {
    }

    /** The text with literals masked, white space collapsed, cut to {@link #MAX_LENGTH} characters. */
    static String mask(String sql, boolean doubleQuotesAreStrings) {
        if (sql == null || sql.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH + 16));
        int i = 0;
        int n = sql.length();
        boolean lastSpace = false;
        while (i < n && out.length() <= MAX_LENGTH) {
            char c = sql.charAt(i);
            if (c == '\'' || (c == '"' && doubleQuotesAreStrings)) {
                i = skipQuoted(sql, i, c);
                out.append('?');
                lastSpace = false;
            } else if (c == '"' || c == '`') {
                int end = skipQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
                lastSpace = false;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
                out.append('?');
                lastSpace = false;
            } else if (Character.isDigit(c) && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                out.append('?');
                lastSpace = false;
            } else if (Character.isWhitespace(c)) {
                if (!lastSpace && out.length() > 0) {
                    out.append(' ');
                }
                lastSpace = true;
                i++;
            } else {
                out.append(c);
                lastSpace = false;
                i++;
            }
        }
        String result = out.toString().strip();
        return result.length() > MAX_LENGTH || i < n ? cut(result) : result;
    }

    private static String cut(String text) {
        return (text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text) + "...";
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The index after the closing quote (a doubled quote is an escaped one); the end of the text if unclosed. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`' && i + 1 < sql.length()) {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** For {@code $tag$} or {@code $$} at {@code start}, the index after the opening tag; otherwise -1. */
    private static int dollarTagEnd(String sql, int start) {
        if (start > 0 && isIdentifierPart(sql.charAt(start - 1))) {
            return -1;
        }
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            if (i == start + 1 && Character.isDigit(sql.charAt(i))) {
                return -1; // $1 is a parameter
            }
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }
}
