package io.dbopt.core.sql;

import java.util.Objects;

/**
 * One token of SQL text, as {@link SqlLexer} found it.
 *
 * <p>{@code text} is exactly {@code sql.substring(start, end)} of the text that was tokenized: words keep their
 * case, literals and quoted identifiers keep their quotes. Immutable.
 *
 * @param kind what the token is
 * @param text its source text, never empty
 * @param start the offset of its first character (UTF-16 index into the SQL text)
 * @param end the offset just after its last character
 * @param line the 1-based line it starts on, counting {@code \n}
 */
public record SqlToken(SqlTokenKind kind, String text, int start, int end, int line) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException when the text is empty or does not span {@code start..end}, or the line is
     *     not positive
     */
    public SqlToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || start < 0 || end - start != text.length() || line < 1) {
            throw new IllegalArgumentException("Token '" + text + "' at " + start + ".." + end + " on line " + line
                    + " is inconsistent: text must be non-empty and span start..end, line must be 1 or more");
        }
    }

    /**
     * Whether the token reads as {@code value}: a word ignoring case (as keywords do), anything else exactly.
     * {@code t.is("select")}, {@code t.is("(")}, {@code t.is("::")}.
     */
    public boolean is(String value) {
        return kind == SqlTokenKind.WORD ? text.equalsIgnoreCase(value) : text.equals(value);
    }

    /** Whether this is the unquoted word {@code word}, ignoring case. */
    public boolean isWord(String word) {
        return kind == SqlTokenKind.WORD && text.equalsIgnoreCase(word);
    }

    /** Whether this is a string or numeric literal: a value written into the text. */
    public boolean isLiteral() {
        return kind == SqlTokenKind.STRING || kind == SqlTokenKind.NUMBER;
    }

    /** Whether this is a comment. */
    public boolean isComment() {
        return kind == SqlTokenKind.COMMENT;
    }
}
