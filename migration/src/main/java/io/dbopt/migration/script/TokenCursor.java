package io.dbopt.migration.script;

import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A position in a statement's tokens (comments and the final {@code ;} removed) with the reading steps a
 * recursive-descent reader needs: keyword tests, names, balanced groups and expressions. A step that cannot read
 * what the grammar requires throws {@link Unreadable} naming what was expected and what was found. Not thread-safe;
 * one per statement.
 */
final class TokenCursor {

    /** The statement is not valid SQL at {@code offset}. */
    static final class Unreadable extends RuntimeException {
        private final transient int offset;

        Unreadable(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }

        int offset() {
            return offset;
        }
    }

    /**
     * Keywords PostgreSQL reserves: never a column name or type name unless quoted, so they end an expression or
     * start a clause. (PostgreSQL's "reserved" category, without the ones that only start expressions.)
     */
    static final Set<String> RESERVED = Set.of("ALL", "ANALYSE", "ANALYZE", "AND", "ANY", "AS", "ASC", "ASYMMETRIC",
            "BOTH", "CHECK", "COLLATE", "COLUMN", "CONSTRAINT", "CREATE", "DEFAULT", "DEFERRABLE", "DESC",
            "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "FETCH", "FOR", "FOREIGN", "FROM", "GRANT", "GROUP", "HAVING",
            "IN", "INITIALLY", "INTERSECT", "INTO", "LATERAL", "LEADING", "LIMIT", "OFFSET", "ON", "ONLY", "OR",
            "ORDER", "PLACING", "PRIMARY", "REFERENCES", "RETURNING", "SELECT", "SOME", "SYMMETRIC", "TABLE", "THEN",
            "TO", "TRAILING", "UNION", "UNIQUE", "USING", "VARIADIC", "WHEN", "WHERE", "WINDOW", "WITH");

    /** MariaDB's reserved words that can stand where a name could (a name needs backticks to be one of them). */
    static final Set<String> MARIADB_RESERVED = Set.of("ADD", "ALL", "ALTER", "ANALYZE", "AND", "AS", "ASC",
            "BEFORE", "BETWEEN", "BY", "CASCADE", "CASE", "CHANGE", "CHARACTER", "CHECK", "COLLATE", "COLUMN",
            "CONSTRAINT", "CONVERT", "CREATE", "CROSS", "DATABASE", "DEFAULT", "DELETE", "DESC", "DISTINCT", "DROP",
            "ELSE", "EXISTS", "FOR", "FOREIGN", "FROM", "FULLTEXT", "GENERATED", "GROUP", "HAVING", "IF", "IGNORE",
            "IN", "INDEX", "INSERT", "INTO", "IS", "JOIN", "KEY", "KEYS", "LIKE", "LIMIT", "LOCK", "NOT", "NULL", "ON",
            "OR", "ORDER", "PARTITION", "PRIMARY", "REFERENCES", "RENAME", "REPLACE", "RESTRICT", "SELECT", "SET",
            "SPATIAL", "TABLE", "THEN", "TO", "UNIQUE", "UNSIGNED", "UPDATE", "USING", "VALUES", "WHEN", "WHERE",
            "WITH", "ZEROFILL");

    private final List<SqlToken> tokens;
    private final String sql;
    private final boolean mariaDb;
    private int at;

    TokenCursor(List<SqlToken> tokens, String sql, boolean mariaDb) {
        this.tokens = tokens;
        this.sql = sql;
        this.mariaDb = mariaDb;
    }

    int position() {
        return at;
    }

    void reset(int position) {
        this.at = position;
    }

    boolean atEnd() {
        return at >= tokens.size();
    }

    /** The token {@code ahead} places on, or null past the end. */
    SqlToken peek(int ahead) {
        int i = at + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    SqlToken peek() {
        return peek(0);
    }

    /** Where the current token starts in the statement text; the text's length at the end. */
    int offset() {
        return atEnd() ? sql.length() : tokens.get(at).start();
    }

    /** The statement text from {@code from} (an offset) up to the current token, stripped. */
    String textFrom(int from) {
        int end = at == 0 ? 0 : tokens.get(at - 1).end();
        return end <= from ? "" : sql.substring(from, end).strip();
    }

    /** Whether the next tokens read as these words or symbols (words ignoring case, unquoted only). */
    boolean is(String... words) {
        for (int i = 0; i < words.length; i++) {
            SqlToken t = peek(i);
            if (t == null || !matches(t, words[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(SqlToken t, String word) {
        return t.kind() == SqlTokenKind.WORD ? t.text().equalsIgnoreCase(word)
                : t.kind() != SqlTokenKind.QUOTED_IDENTIFIER && t.kind() != SqlTokenKind.STRING && t.text().equals(word);
    }

    /** Consumes the words when they come next. */
    boolean accept(String... words) {
        if (is(words)) {
            at += words.length;
            return true;
        }
        return false;
    }

    /**
     * Consumes one of the alternatives (each one or more words separated by single spaces) when it comes next, and
     * returns it in upper case.
     */
    Optional<String> acceptAny(String... alternatives) {
        for (String a : alternatives) {
            int words = matchesPhrase(a);
            if (words > 0) {
                at += words;
                return Optional.of(a.toUpperCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** How many tokens the space-separated phrase matches from the cursor, 0 when it does not (no allocation). */
    int matchesPhrase(String phrase) {
        int from = 0;
        int i = 0;
        while (from < phrase.length()) {
            int space = phrase.indexOf(' ', from);
            int end = space < 0 ? phrase.length() : space;
            SqlToken t = peek(i);
            if (t == null || t.kind() != SqlTokenKind.WORD && !t.text().equals(phrase.substring(from, end))
                    || t.kind() == SqlTokenKind.WORD && (t.text().length() != end - from
                    || !t.text().regionMatches(true, 0, phrase, from, end - from))) {
                return 0;
            }
            i++;
            from = end + 1;
        }
        return i;
    }

    /** Consumes the words or fails naming them. */
    void expect(String... words) {
        if (!accept(words)) {
            throw unreadable(String.join(" ", words));
        }
    }

    /** An error saying {@code expected} was required where the current token stands. */
    Unreadable unreadable(String expected) {
        String found = atEnd() ? "the end of the statement" : "'" + peek().text() + "'";
        return new Unreadable("expected " + expected + ", found " + found, offset());
    }

    /** Fails unless every token was read. */
    void expectEnd() {
        if (!atEnd()) {
            throw new Unreadable("unexpected '" + peek().text() + "'", offset());
        }
    }

    /** Consumes and returns the next token; fails at the end. */
    SqlToken next(String expected) {
        if (atEnd()) {
            throw unreadable(expected);
        }
        return tokens.get(at++);
    }

    /** Whether the next token can be a name: an unreserved word or a quoted identifier. */
    boolean atName() {
        SqlToken t = peek();
        return t != null && (t.kind() == SqlTokenKind.QUOTED_IDENTIFIER
                || t.kind() == SqlTokenKind.WORD && !(mariaDb ? MARIADB_RESERVED : RESERVED)
                .contains(t.text().toUpperCase(Locale.ROOT)));
    }

    /** Reads a name: any word (keywords included, as in column names after a period) or a quoted identifier. */
    String rawName(String expected) {
        SqlToken t = peek();
        if (t == null || t.kind() != SqlTokenKind.WORD && t.kind() != SqlTokenKind.QUOTED_IDENTIFIER) {
            throw unreadable(expected);
        }
        at++;
        return t.text();
    }

    /** Reads an unreserved name and returns it as stored (unquoted, case-folded). */
    String name(String expected) {
        if (!atName()) {
            throw unreadable(expected);
        }
        return identifier(next(expected).text());
    }

    /** Reads {@code [schema.]name} (a third part, {@code db.schema.name}, keeps the last two). */
    Ddl.Name qualifiedName(String expected) {
        if (!atName()) {
            throw unreadable(expected);
        }
        List<String> parts = new ArrayList<>();
        parts.add(rawName(expected));
        while (is(".") && peek(1) != null && (peek(1).kind() == SqlTokenKind.WORD
                || peek(1).kind() == SqlTokenKind.QUOTED_IDENTIFIER)) {
            at++;
            parts.add(rawName(expected));
        }
        String last = parts.get(parts.size() - 1);
        Optional<String> schema = parts.size() > 1 ? Optional.of(identifier(parts.get(parts.size() - 2)))
                : Optional.empty();
        return new Ddl.Name(schema, identifier(last), AstConverter.isQuoted(last));
    }

    /** Reads a comma-separated list of names in parentheses. */
    List<String> nameList(String expected) {
        expect("(");
        List<String> names = new ArrayList<>();
        do {
            names.add(name(expected));
        } while (accept(","));
        expect(")");
        return names;
    }

    /** Reads a string literal and returns its text without quotes. */
    String string(String expected) {
        SqlToken t = peek();
        if (t == null || t.kind() != SqlTokenKind.STRING) {
            throw unreadable(expected);
        }
        at++;
        String text = t.text();
        int quote = text.indexOf('\'');
        return quote < 0 ? text : text.substring(quote + 1, text.length() - 1).replace("''", "'");
    }

    /** Skips a balanced group that starts at the current {@code (}; returns its inner text. */
    String group(String expected) {
        if (!is("(") && !is("[")) {
            throw unreadable(expected);
        }
        int open = tokens.get(at).end();
        int depth = 0;
        while (!atEnd()) {
            SqlToken t = tokens.get(at++);
            if (isOpen(t)) {
                depth++;
            } else if (isClose(t)) {
                depth--;
                if (depth == 0) {
                    return sql.substring(open, t.start()).strip();
                }
            }
        }
        throw new Unreadable("unbalanced parentheses: a ')' is missing", sql.length());
    }

    /**
     * Reads an expression up to (not including) a {@code ,} or {@code )} at its own depth, the end, or one of the
     * {@code stops} at depth zero (a stop that is the expression's first token is part of it, e.g.
     * {@code DEFAULT NULL}). Returns its text; fails on an empty expression or unbalanced brackets.
     */
    String expression(String expected, Set<String> stops) {
        int from = offset();
        int start = at;
        int depth = 0;
        while (!atEnd()) {
            SqlToken t = tokens.get(at);
            if (isOpen(t)) {
                depth++;
            } else if (isClose(t)) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (t.is(",") || at > start && t.kind() == SqlTokenKind.WORD
                    && stops.contains(t.text().toUpperCase(Locale.ROOT)))) {
                break;
            }
            at++;
        }
        if (depth > 0) {
            throw new Unreadable("unbalanced parentheses: a ')' is missing", sql.length());
        }
        if (at == start) {
            throw unreadable(expected);
        }
        return textFrom(from);
    }

    /** Skips balanced tokens up to (not including) one of the stop symbols at depth zero, or the end. */
    void skipTo(String... stops) {
        while (!atEnd() && java.util.Arrays.stream(stops).noneMatch(this::is)) {
            if (is("(")) {
                group("a parenthesised list");
            } else {
                at++;
            }
        }
    }

    /** Skips everything to the end of the statement, checking that brackets balance. */
    void skipRest() {
        int depth = 0;
        while (!atEnd()) {
            SqlToken t = tokens.get(at++);
            if (isOpen(t)) {
                depth++;
            } else if (isClose(t)) {
                depth--;
                if (depth < 0) {
                    throw new Unreadable("unbalanced parentheses: an extra ')'", t.start());
                }
            }
        }
        if (depth > 0) {
            throw new Unreadable("unbalanced parentheses: a ')' is missing", sql.length());
        }
    }

    private static boolean isOpen(SqlToken t) {
        return t.kind() == SqlTokenKind.PUNCTUATION && (t.text().equals("(") || t.text().equals("["));
    }

    private static boolean isClose(SqlToken t) {
        return t.kind() == SqlTokenKind.PUNCTUATION && (t.text().equals(")") || t.text().equals("]"));
    }

    /** The stored form of an identifier. */
    String identifier(String raw) {
        return AstConverter.unquote(raw, mariaDb);
    }
}
