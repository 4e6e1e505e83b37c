package io.dbopt.migration.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens with line numbers, knowing enough of each dialect's lexical rules not to be fooled by
 * a semicolon inside a string, a comment or a PostgreSQL dollar-quoted body: single-quoted strings (doubled quotes,
 * and backslash escapes on MariaDB and in PostgreSQL {@code E'...'}), double-quoted identifiers, MariaDB backticks
 * and {@code #} comments, nested PostgreSQL block comments, and the MariaDB client's {@code DELIMITER} directive.
 * Unterminated strings and comments run to the end of the text instead of failing. Not thread-safe; one per text.
 */
final class SqlLexer {

    private final String text;
    private final boolean mariaDb;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private String delimiter = ";";
    private boolean atStatementStart = true;

    private SqlLexer(String text, boolean mariaDb) {
        this.text = text;
        this.mariaDb = mariaDb;
    }

    /** Tokenizes a whole script. */
    static List<Token> tokenize(String text, boolean mariaDb) {
        SqlLexer lexer = new SqlLexer(text, mariaDb);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith(delimiter, pos) && !isCommentStart()) {
                add(Token.Kind.DELIMITER, pos, pos + delimiter.length(), line);
                atStatementStart = true;
            } else if (isCommentStart()) {
                comment();
            } else if (c == '\'') {
                quoted(Token.Kind.STRING, '\'', mariaDb);
            } else if ((c == 'E' || c == 'e') && !mariaDb && peek(1) == '\'') {
                pos++;
                quoted(Token.Kind.STRING, '\'', true);
            } else if (c == '"') {
                quoted(Token.Kind.QUOTED_IDENTIFIER, '"', false);
            } else if (c == '`' && mariaDb) {
                quoted(Token.Kind.QUOTED_IDENTIFIER, '`', false);
            } else if (c == '$' && !mariaDb && dollarTag() != null) {
                dollarQuoted();
            } else if (Character.isLetter(c) || c == '_') {
                word();
            } else if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
                number();
            } else {
                add(Token.Kind.SYMBOL, pos, pos + 1, line);
            }
        }
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private boolean isCommentStart() {
        char c = text.charAt(pos);
        return c == '-' && peek(1) == '-' || c == '/' && peek(1) == '*' || c == '#' && mariaDb;
    }

    private void comment() {
        int start = pos;
        int startLine = line;
        if (text.charAt(pos) == '/') {
            int depth = 0;
            while (pos < text.length()) {
                if (text.startsWith("/*", pos)) {
                    depth += mariaDb && depth > 0 ? 0 : 1;
                    pos += 2;
                } else if (text.startsWith("*/", pos)) {
                    depth--;
                    pos += 2;
                    if (depth == 0) {
                        break;
                    }
                } else {
                    if (text.charAt(pos) == '\n') {
                        line++;
                    }
                    pos++;
                }
            }
        } else {
            while (pos < text.length() && text.charAt(pos) != '\n') {
                pos++;
            }
        }
        tokens.add(new Token(Token.Kind.COMMENT, text.substring(start, pos), startLine, start, pos));
    }

    private void quoted(Token.Kind kind, char quote, boolean backslashEscapes) {
        int start = pos;
        int startLine = line;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (backslashEscapes && c == '\\') {
                pos += 2;
                continue;
            }
            if (c == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            pos++;
        }
        pos = Math.min(pos, text.length());
        add(kind, start, pos, startLine);
    }

    /** The {@code $tag$} starting at the current position, or null when it is not a dollar quote. */
    private String dollarTag() {
        int end = pos + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end < text.length() && text.charAt(end) == '$'
                && (end == pos + 1 || !Character.isDigit(text.charAt(pos + 1)))) {
            return text.substring(pos, end + 1);
        }
        return null;
    }

    private void dollarQuoted() {
        String tag = dollarTag();
        int start = pos;
        int startLine = line;
        int close = text.indexOf(tag, pos + tag.length());
        int end = close < 0 ? text.length() : close + tag.length();
        for (int i = pos; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        pos = end;
        add(Token.Kind.STRING, start, end, startLine);
    }

    private void word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '$')) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (mariaDb && atStatementStart && word.equalsIgnoreCase("DELIMITER")) {
            int eol = text.indexOf('\n', pos);
            String value = text.substring(pos, eol < 0 ? text.length() : eol).strip();
            if (!value.isEmpty()) {
                delimiter = value;
            }
            pos = eol < 0 ? text.length() : eol;
            return;
        }
        pos = start;
        add(Token.Kind.WORD, start, start + word.length(), line);
    }

    private void number() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        int end = pos;
        pos = start;
        add(Token.Kind.NUMBER, start, end, line);
    }

    private void add(Token.Kind kind, int start, int end, int tokenLine) {
        tokens.add(new Token(kind, text.substring(start, end), tokenLine, start, end));
        pos = end;
        if (kind != Token.Kind.DELIMITER) {
            atStatementStart = false;
        }
    }
}
