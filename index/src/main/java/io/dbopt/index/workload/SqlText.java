package io.dbopt.index.workload;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Placeholders and literals in SQL text, found by a small tokenizer that skips string literals, quoted identifiers,
 * comments and PostgreSQL dollar quotes: so that statement-statistics texts ({@code $1} from pg_stat_statements,
 * {@code ?} from JDBC and MariaDB digests) can be explained, and so that reports show statements without their
 * literal values. Stateless and thread-safe.
 */
public final class SqlText {

    private enum Kind { STRING, QUOTED, COMMENT, DOLLAR_PARAM, QUESTION, NUMBER, WORD, SPACE, OTHER }

    private record Token(Kind kind, String text) {
    }

    private SqlText() {
    }

    /** The highest {@code $n} placeholder number, 0 when there is none. */
    public static int dollarParameterCount(String sql, Dialect dialect) {
        int max = 0;
        for (Token t : tokens(sql, dialect)) {
            if (t.kind() == Kind.DOLLAR_PARAM) {
                max = Math.max(max, Integer.parseInt(t.text().substring(1)));
            }
        }
        return max;
    }

    /** The number of {@code ?} placeholders (a doubled {@code ??} is the JDBC escape for a literal {@code ?}). */
    public static int questionMarkCount(String sql, Dialect dialect) {
        return (int) tokens(sql, dialect).stream().filter(t -> t.kind() == Kind.QUESTION && t.text().equals("?"))
                .count();
    }

    /** JDBC text to PostgreSQL text: each {@code ?} becomes {@code $1, $2, ...} and {@code ??} becomes {@code ?}. */
    public static String questionMarksToDollars(String sql, Dialect dialect) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int n = 0;
        for (Token t : tokens(sql, dialect)) {
            if (t.kind() == Kind.QUESTION) {
                out.append(t.text().equals("??") ? "?" : "$" + (++n));
            } else {
                out.append(t.text());
            }
        }
        return out.toString();
    }

    /** Text for a JDBC prepared statement whose {@code ?} are operators, not placeholders: each is doubled. */
    public static String escapeQuestionMarks(String sql, Dialect dialect) {
        StringBuilder out = new StringBuilder(sql.length() + 4);
        for (Token t : tokens(sql, dialect)) {
            out.append(t.kind() == Kind.QUESTION ? t.text() + t.text() : t.text());
        }
        return out.toString();
    }

    /** Whether the text holds a {@code ;} outside literals and comments, i.e. more than one statement. */
    public static boolean hasStatementSeparator(String sql, Dialect dialect) {
        String text = sql.strip();
        List<Token> tokens = tokens(text.endsWith(";") ? text.substring(0, text.length() - 1) : text, dialect);
        return tokens.stream().anyMatch(t -> t.kind() == Kind.OTHER && t.text().equals(";"));
    }

    /**
     * Replaces the {@code ?} placeholders in order with the given SQL literals.
     *
     * @throws IllegalArgumentException when the counts differ
     */
    public static String replaceQuestionMarks(String sql, Dialect dialect, List<String> literals) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = 0;
        for (Token t : tokens(sql, dialect)) {
            if (t.kind() == Kind.QUESTION && t.text().equals("?")) {
                if (n >= literals.size()) {
                    throw new IllegalArgumentException("The statement has more placeholders than the "
                            + literals.size() + " values given");
                }
                out.append(literals.get(n++));
            } else {
                out.append(t.text());
            }
        }
        if (n != literals.size()) {
            throw new IllegalArgumentException("The statement has " + n + " placeholders but " + literals.size()
                    + " values were given");
        }
        return out.toString();
    }

    /**
     * The statement for reports: string and number literals replaced by {@code ?}, comments dropped, white space
     * collapsed, cut to {@code maxLength} characters with "...".
     */
    public static String normalize(String sql, Dialect dialect, int maxLength) {
        StringBuilder out = new StringBuilder(Math.min(sql.length(), maxLength + 8));
        for (Token t : tokens(sql, dialect)) {
            switch (t.kind()) {
                case STRING, NUMBER -> out.append('?');
                case COMMENT -> { }
                case SPACE -> {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                        out.append(' ');
                    }
                }
                default -> out.append(t.text());
            }
        }
        String text = out.toString().strip();
        return text.length() <= maxLength ? text : text.substring(0, Math.max(0, maxLength - 3)) + "...";
    }

    /**
     * A MariaDB {@code performance_schema} digest made parseable: {@code IN (...)} lists and {@code ?, ...} runs
     * become single placeholders. Digests cut at {@code performance_schema_max_digest_length} stay unparseable.
     */
    public static String fromDigest(String digest) {
        return digest.replace("(...)", "(?)").replace("?, ...", "?").replace("? , ...", "?");
    }

    private static List<Token> tokens(String sql, Dialect dialect) {
        boolean backslash = !(dialect instanceof PostgresDialect);
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            Kind kind;
            if (c == '\'') {
                i = endOfQuoted(sql, i, '\'', backslash);
                kind = Kind.STRING;
            } else if (c == '"' || c == '`') {
                i = endOfQuoted(sql, i, c, false);
                kind = Kind.QUOTED;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = sql.indexOf('\n', i);
                i = i < 0 ? n : i;
                kind = Kind.COMMENT;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                kind = Kind.COMMENT;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
                    && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                kind = Kind.DOLLAR_PARAM;
            } else if (c == '$' && !backslash && (i == 0 || !isWordChar(sql.charAt(i - 1)))
                    && dollarTag(sql, i) > 0) {
                int tagEnd = dollarTag(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
                kind = Kind.STRING;
            } else if (c == '?') {
                i += i + 1 < n && sql.charAt(i + 1) == '?' ? 2 : 1;
                kind = Kind.QUESTION;
            } else if (Character.isDigit(c) && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                kind = Kind.NUMBER;
            } else if (isWordChar(c)) {
                while (i < n && isWordChar(sql.charAt(i))) {
                    i++;
                }
                kind = Kind.WORD;
            } else if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                kind = Kind.SPACE;
            } else {
                i++;
                kind = Kind.OTHER;
            }
            out.add(new Token(kind, sql.substring(start, i)));
        }
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int endOfQuoted(String sql, int start, char quote, boolean backslash) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The end of a dollar-quote opening tag ({@code $$} or {@code $tag$}) at {@code i}, or -1. */
    private static int dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }
}
