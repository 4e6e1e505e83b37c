package io.dbopt.query.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SQL tokenizer covering what PostgreSQL and MariaDB accept: comments (nested on PostgreSQL), string
 * literals with doubled quotes, {@code E'...'} and (on MariaDB) backslash escapes, dollar quoting, quoted
 * identifiers, numbers, JDBC and {@code $n} parameters and multi-character operators. It never fails: what it does
 * not recognise becomes a one-character punctuation token. Stateless and thread-safe.
 */
final class SqlLexer {

    /** Token types. */
    enum Type {
        /** An unquoted identifier or keyword, lower-cased. */
        WORD,
        /** A quoted identifier, kept verbatim with its quotes. */
        QUOTED,
        /** A string literal (any form), kept verbatim. */
        STRING,
        /** A numeric literal. */
        NUMBER,
        /** A bind parameter: {@code ?} or {@code $1}. */
        PARAM,
        /** Anything else: operators, parentheses, commas. */
        PUNCT
    }

    /** One token; {@code text} is lower-case for words; {@code start} is its offset in the SQL text. */
    record Token(Type type, String text, int start) {
        boolean is(String value) {
            return text.equals(value);
        }
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String sql;
    private final boolean mariaDb;
    private final int length;
    private int pos;
    private int tokenStart;

    private SqlLexer(String sql, boolean mariaDb) {
        this.sql = sql;
        this.mariaDb = mariaDb;
        this.length = sql.length();
    }

    /**
     * Splits SQL text into tokens, comments dropped.
     *
     * @param mariaDb whether MariaDB lexical rules apply ({@code "..."} and backslash escapes in strings,
     *     {@code #} comments)
     */
    static List<Token> tokenize(String sql, boolean mariaDb) {
        return new SqlLexer(sql, mariaDb).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>(Math.max(8, length / 4));
        while (pos < length) {
            char c = sql.charAt(pos);
            tokenStart = pos;
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-' || mariaDb && c == '#') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                tokens.add(new Token(Type.STRING, readQuoted('\'', mariaDb), tokenStart));
            } else if (isStringPrefix(c)) {
                tokens.add(readPrefixedString(c));
            } else if (c == '"') {
                String quoted = readQuoted('"', mariaDb);
                tokens.add(new Token(mariaDb ? Type.STRING : Type.QUOTED, quoted, tokenStart));
            } else if (c == '`') {
                tokens.add(new Token(Type.QUOTED, readQuoted('`', false), tokenStart));
            } else if (c == '$') {
                tokens.add(readDollar());
            } else if (c == '?' && peek(1) != '?') { // JDBC escapes the ? operators as ??
                pos++;
                tokens.add(new Token(Type.PARAM, "?", tokenStart));
            } else if (isDigit(c) || c == '.' && isDigit(peek(1))) {
                tokens.add(new Token(Type.NUMBER, readNumber(), tokenStart));
            } else if (isIdentifierStart(c)) {
                tokens.add(new Token(Type.WORD, readWord().toLowerCase(Locale.ROOT), tokenStart));
            } else if (c == ':' && peek(1) == ':') {
                pos += 2;
                tokens.add(new Token(Type.PUNCT, "::", tokenStart));
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                tokens.add(new Token(Type.PUNCT, readOperator(), tokenStart));
            } else {
                pos++;
                tokens.add(new Token(Type.PUNCT, String.valueOf(c), tokenStart));
            }
        }
        return tokens;
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < length ? sql.charAt(at) : '\0';
    }

    private void skipLineComment() {
        while (pos < length && sql.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < length) {
            if (sql.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (sql.charAt(pos) == '*' && peek(1) == '/') {
                pos += 2;
                depth--;
                if (depth == 0 || mariaDb) {
                    return; // MariaDB does not nest comments
                }
            } else {
                pos++;
            }
        }
    }

    /** Reads a quoted run starting at the opening quote; doubled quotes escape, backslashes when asked. */
    private String readQuoted(char quote, boolean backslashEscapes) {
        int start = pos;
        pos++;
        while (pos < length) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    break;
                }
            } else {
                pos++;
            }
        }
        pos = Math.min(pos, length);
        return sql.substring(start, pos);
    }

    private boolean isStringPrefix(char c) {
        char lower = Character.toLowerCase(c);
        if ((lower == 'e' || lower == 'n' || lower == 'x' || lower == 'b') && peek(1) == '\'') {
            return pos == 0 || !isIdentifierPart(sql.charAt(pos - 1));
        }
        return lower == 'u' && peek(1) == '&' && peek(2) == '\'' && (pos == 0 || !isIdentifierPart(sql.charAt(pos - 1)));
    }

    private Token readPrefixedString(char prefix) {
        int start = pos;
        boolean escapes = mariaDb || Character.toLowerCase(prefix) == 'e';
        pos += Character.toLowerCase(prefix) == 'u' ? 2 : 1;
        readQuoted('\'', escapes);
        return new Token(Type.STRING, sql.substring(start, pos), tokenStart);
    }

    private Token readDollar() {
        int start = pos;
        if (isDigit(peek(1))) {
            pos++;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
            return new Token(Type.PARAM, sql.substring(start, pos), tokenStart);
        }
        int tagEnd = pos + 1;
        while (tagEnd < length && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd < length && sql.charAt(tagEnd) == '$' && !isIdentifierPartBefore(start)) {
            String tag = sql.substring(start, tagEnd + 1);
            int close = sql.indexOf(tag, tagEnd + 1);
            pos = close < 0 ? length : close + tag.length();
            return new Token(Type.STRING, sql.substring(start, pos), tokenStart);
        }
        pos++;
        return new Token(Type.PUNCT, "$", tokenStart);
    }

    private boolean isIdentifierPartBefore(int at) {
        return at > 0 && isIdentifierPart(sql.charAt(at - 1));
    }

    private String readNumber() {
        int start = pos;
        if (sql.charAt(pos) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            pos += 2;
            while (pos < length && Character.digit(sql.charAt(pos), 16) >= 0) {
                pos++;
            }
            return sql.substring(start, pos);
        }
        while (pos < length && (isDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
            pos++;
        }
        if (pos < length && sql.charAt(pos) == '.' && peek(1) != '.') {
            pos++;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < length && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')
                && (isDigit(peek(1)) || (peek(1) == '+' || peek(1) == '-') && isDigit(peek(2)))) {
            pos += 2;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        return sql.substring(start, pos);
    }

    private String readWord() {
        int start = pos;
        while (pos < length && isIdentifierPart(sql.charAt(pos))) {
            pos++;
        }
        return sql.substring(start, pos);
    }

    /** A maximal run of operator characters, with PostgreSQL's rule for a trailing + or -. */
    private String readOperator() {
        int start = pos;
        while (pos < length && OPERATOR_CHARS.indexOf(sql.charAt(pos)) >= 0) {
            if (pos > start && (sql.charAt(pos) == '-' && peek(1) == '-' || sql.charAt(pos) == '/' && peek(1) == '*')) {
                break; // a comment starts inside the run
            }
            if (sql.charAt(pos) == '?' && pos > start && sql.charAt(pos - 1) != '?') {
                break; // a parameter right after an operator, as in "=?"
            }
            pos++;
        }
        String op = sql.substring(start, pos);
        if (op.length() > 1 && (op.endsWith("+") || op.endsWith("-")) && !hasSpecialOperatorChar(op)) {
            int end = op.length();
            while (end > 1 && (op.charAt(end - 1) == '+' || op.charAt(end - 1) == '-')) {
                end--;
            }
            pos = start + end;
            op = op.substring(0, end);
        }
        return op;
    }

    private static boolean hasSpecialOperatorChar(String op) {
        for (int i = 0; i < op.length(); i++) {
            if ("~!@#%^&|`?".indexOf(op.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c > 127 && Character.isLetter(c);
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$' || c > 127 && Character.isLetterOrDigit(c);
    }
}
