package io.dbopt.core.sql;

/**
 * The character-level work of {@link SqlLexer}: reads one token at a time, tracking the line. Every call to
 * {@link #next()} moves forward by at least one character, so no input loops; unterminated strings, quoted
 * identifiers, dollar quotes and comments run to the end of the text. Not thread-safe: one per text.
 */
final class Scanner {

    /** PostgreSQL's op_chars (scan.l), but the backtick, read as a quote. */
    private static final String PG_OPERATOR_CHARS = "~!@#^&|?+-*/%<>=";
    /** Characters that let a PostgreSQL operator end in + or - (scan.l). */
    private static final String PG_SPECIAL_OPERATOR_CHARS = "~!@#^&|?%";
    private static final String MARIADB_OPERATOR_CHARS = "~!@^&|?+-*/%<>=";
    /**
     * MariaDB's (and MySQL's) multi-character operators, longest first; {@code ??} is the JDBC escape, {@code @@}
     * starts a system variable.
     */
    private static final String[] MARIADB_OPERATORS = {"<=>", "->>", "<<", ">>", "<=", ">=", "<>", "!=", "&&", "||",
        "->", "??", "@@"};

    private final String sql;
    private final SqlSyntax syntax;
    private final boolean pg;
    private final int length;
    private int pos;
    private int line = 1;
    /** End of a run of + and - left over from a PostgreSQL operator: each is an operator of its own. */
    private int signRunEnd;

    Scanner(String sql, SqlSyntax syntax) {
        this.sql = sql;
        this.syntax = syntax;
        this.pg = syntax.isPostgres();
        this.length = sql.length();
    }

    /** The next token, or {@code null} at the end of the text. */
    SqlToken next() {
        while (pos < length) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                int start = pos;
                SqlTokenKind kind = scan(c);
                return token(kind, start);
            }
        }
        return null;
    }

    private SqlToken token(SqlTokenKind kind, int start) {
        String text = sql.substring(start, pos);
        SqlToken token = new SqlToken(kind, text, start, pos, line);
        if (kind == SqlTokenKind.STRING || kind == SqlTokenKind.QUOTED_IDENTIFIER || kind == SqlTokenKind.COMMENT) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
        }
        return token;
    }

    /** Reads the token starting with {@code c} at {@code pos}, leaving {@code pos} after it. */
    private SqlTokenKind scan(char c) {
        char next = peek(1);
        SqlTokenKind quoted = quotedOrComment(c, next);
        if (quoted != null) {
            return quoted;
        }
        if (c == '$' && pg) {
            return dollar(next);
        }
        if (c == '?' && next != '?') {
            pos++;
            return SqlTokenKind.PARAMETER;
        }
        if (isDigit(c) || c == '.' && isDigit(next)) {
            return number();
        }
        if (isIdentifierStart(c)) {
            word();
            return SqlTokenKind.WORD;
        }
        if (c == ':' && (next == ':' || next == '=')) {
            pos += 2;
            return SqlTokenKind.OPERATOR;
        }
        if ((pg ? PG_OPERATOR_CHARS : MARIADB_OPERATOR_CHARS).indexOf(c) >= 0) {
            if (pg) {
                postgresOperator();
            } else {
                mariaDbOperator();
            }
            return SqlTokenKind.OPERATOR;
        }
        pos++;
        return SqlTokenKind.PUNCTUATION;
    }

    /** A comment, string or quoted identifier starting at {@code pos}, or {@code null} when none starts there. */
    private SqlTokenKind quotedOrComment(char c, char next) {
        if (c == '-' && next == '-' && (pg || isSpaceOrEnd(peek(2))) || c == '#' && !pg) {
            lineComment();
            return SqlTokenKind.COMMENT;
        }
        if (c == '/' && next == '*') {
            blockComment();
            return SqlTokenKind.COMMENT;
        }
        if (c == '\'') {
            quoted('\'', syntax.backslashEscapes());
            return SqlTokenKind.STRING;
        }
        if (c == '"') {
            boolean string = syntax.doubleQuotedStrings();
            quoted('"', string && syntax.backslashEscapes());
            return string ? SqlTokenKind.STRING : SqlTokenKind.QUOTED_IDENTIFIER;
        }
        if (c == '`') {
            // PostgreSQL has no backtick quoting, but a backtick appears in no valid PostgreSQL statement (only in
            // user-defined operator names): reading MariaDB text under PostgreSQL's rules stays sane this way
            quoted('`', false);
            return SqlTokenKind.QUOTED_IDENTIFIER;
        }
        return prefixedLiteral(c, next);
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < length ? sql.charAt(at) : '\0';
    }

    /** MariaDB reads {@code --} as a comment only before white space, a control character or the end. */
    private static boolean isSpaceOrEnd(char c) {
        return c <= ' ' || Character.isWhitespace(c);
    }

    private void lineComment() {
        int eol = sql.indexOf('\n', pos);
        pos = eol < 0 ? length : eol;
    }

    /** A block comment; PostgreSQL nests them, MariaDB ends at the first close. */
    private void blockComment() {
        int depth = 0;
        while (pos < length) {
            char c = sql.charAt(pos);
            if (c == '/' && peek(1) == '*') {
                if (pg || depth == 0) {
                    depth++;
                }
                pos += 2;
            } else if (c == '*' && peek(1) == '/') {
                pos += 2;
                if (--depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    /** From the opening quote to after the closing one: a doubled quote, or a backslash when asked, escapes. */
    private void quoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < length) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos = Math.min(pos + 2, length);
            } else if (c == quote) {
                if (peek(1) != quote) {
                    pos++;
                    return;
                }
                pos += 2;
            } else {
                pos++;
            }
        }
    }

    /** {@code E'..'}, {@code B'..'}, {@code X'..'}, {@code N'..'}, PostgreSQL {@code U&'..'} and {@code U&".."}. */
    private SqlTokenKind prefixedLiteral(char c, char next) {
        char lower = (char) (c | 0x20);
        if (next == '\'') {
            boolean escapes;
            if (lower == 'e' && pg) {
                escapes = true;
            } else if (lower == 'b' || lower == 'x') {
                escapes = false;
            } else if (lower == 'n') {
                escapes = syntax.backslashEscapes();
            } else {
                return null;
            }
            pos++;
            quoted('\'', escapes);
            return SqlTokenKind.STRING;
        }
        if (pg && lower == 'u' && next == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            char quote = peek(2);
            pos += 2;
            quoted(quote, false);
            return quote == '\'' ? SqlTokenKind.STRING : SqlTokenKind.QUOTED_IDENTIFIER;
        }
        return null;
    }

    /** PostgreSQL: {@code $1}, a dollar-quoted string, or a lone {@code $}. */
    private SqlTokenKind dollar(char next) {
        if (isDigit(next)) {
            pos++;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
            return SqlTokenKind.PARAMETER;
        }
        int tagEnd = pos + 1;
        if (tagEnd < length && isDollarTagStart(sql.charAt(tagEnd))) {
            tagEnd++;
            while (tagEnd < length && (isDollarTagStart(sql.charAt(tagEnd)) || isDigit(sql.charAt(tagEnd)))) {
                tagEnd++;
            }
        }
        if (tagEnd < length && sql.charAt(tagEnd) == '$') {
            String tag = sql.substring(pos, tagEnd + 1);
            int close = sql.indexOf(tag, tagEnd + 1);
            pos = close < 0 ? length : close + tag.length();
            return SqlTokenKind.STRING;
        }
        pos++;
        return SqlTokenKind.PUNCTUATION;
    }

    private SqlTokenKind number() {
        int start = pos;
        int radix = radixPrefix();
        if (radix != 10) {
            pos += 2;
            digits(radix);
        } else {
            digits(10);
            if (peek(0) == '.' && peek(1) != '.') {
                pos++;
                digits(10);
            }
            char sign = peek(1);
            if ((peek(0) | 0x20) == 'e' && (isDigit(sign) || (sign == '+' || sign == '-') && isDigit(peek(2)))) {
                pos += 2;
                digits(10);
            }
        }
        if (!pg && pos < length && isIdentifierPart(sql.charAt(pos)) && isAlphanumeric(start, pos)) {
            word(); // MariaDB identifiers may start with a digit: 1st_quarter, 0xZZ
            return SqlTokenKind.WORD;
        }
        return SqlTokenKind.NUMBER;
    }

    /** 16, 8 or 2 for {@code 0x1F}, PostgreSQL 16's {@code 0o17}, {@code 0b101}; otherwise 10. */
    private int radixPrefix() {
        if (sql.charAt(pos) != '0') {
            return 10;
        }
        char r = (char) (peek(1) | 0x20);
        int radix = r == 'x' ? 16 : r == 'b' ? 2 : r == 'o' && pg ? 8 : 10;
        return radix != 10 && Character.digit(peek(2), radix) >= 0 ? radix : 10;
    }

    /** Digits of the radix; on PostgreSQL (16) a single {@code _} between digits too. */
    private void digits(int radix) {
        while (pos < length) {
            char c = sql.charAt(pos);
            boolean digit = c < 128 && Character.digit(c, radix) >= 0;
            boolean separator = pg && c == '_' && pos > 0 && Character.digit(sql.charAt(pos - 1), radix) >= 0
                    && peek(1) < 128 && Character.digit(peek(1), radix) >= 0;
            if (!digit && !separator) {
                return;
            }
            pos++;
        }
    }

    private boolean isAlphanumeric(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isIdentifierPart(sql.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void word() {
        while (pos < length && isIdentifierPart(sql.charAt(pos))) {
            pos++;
        }
    }

    /**
     * PostgreSQL: the longest run of operator characters that holds no comment start, without trailing {@code +}
     * or {@code -} unless it has one of {@code ~ ! @ # % ^ & | ` ?} (scan.l's rule). A lone {@code ?} ends the
     * run, as JDBC reads it as a placeholder; {@code ??}, its escape of the operator, stays inside.
     */
    private void postgresOperator() {
        if (pos < signRunEnd) {
            pos++; // rescanning the rest of the run would give the same answer, one character at a time
            return;
        }
        int start = pos;
        int p = pos;
        while (p < length) {
            char c = sql.charAt(p);
            char after = p + 1 < length ? sql.charAt(p + 1) : '\0';
            if (c == '?') {
                if (after != '?') {
                    break;
                }
                p += 2;
                continue;
            }
            boolean commentStart = c == '-' && after == '-' || c == '/' && after == '*';
            if (PG_OPERATOR_CHARS.indexOf(c) < 0 || p > start && commentStart) {
                break;
            }
            p++;
        }
        int end = p;
        if (end - start > 1 && isSign(sql.charAt(end - 1)) && !hasSpecialOperatorChar(start, end)) {
            while (end - start > 1 && isSign(sql.charAt(end - 1))) {
                end--;
            }
            signRunEnd = p;
        }
        pos = end;
    }

    private boolean hasSpecialOperatorChar(int from, int to) {
        for (int i = from; i < to; i++) {
            if (PG_SPECIAL_OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSign(char c) {
        return c == '+' || c == '-';
    }

    private void mariaDbOperator() {
        for (String op : MARIADB_OPERATORS) {
            if (sql.startsWith(op, pos)) {
                pos += op.length();
                return;
            }
        }
        pos++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDollarTagStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80 && !Character.isWhitespace(c);
    }

    /** Letters, {@code _}, anything beyond ASCII but white space; on MariaDB also {@code $}. */
    private boolean isIdentifierStart(char c) {
        return isDollarTagStart(c) || c == '$' && !pg;
    }

    private static boolean isIdentifierPart(char c) {
        return isDollarTagStart(c) || isDigit(c) || c == '$';
    }
}
