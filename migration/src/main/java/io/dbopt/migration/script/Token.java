package io.dbopt.migration.script;

import java.util.Locale;

/**
 * One lexical token of a script.
 *
 * @param kind what it is
 * @param text the exact source text
 * @param line the 1-based line it starts on
 * @param start offset of its first character in the script
 * @param end offset just after its last character
 */
record Token(Kind kind, String text, int line, int start, int end) {

    /** Token kinds. */
    enum Kind {
        /** A keyword or unquoted identifier. */
        WORD,
        /** A double-quoted or backtick-quoted identifier. */
        QUOTED_IDENTIFIER,
        /** A string literal, including PostgreSQL dollar-quoted bodies. */
        STRING,
        /** A numeric literal. */
        NUMBER,
        /** Any other single character. */
        SYMBOL,
        /** A line or block comment. */
        COMMENT,
        /** The statement delimiter ({@code ;} or what {@code DELIMITER} set). */
        DELIMITER
    }

    /** Whether this is the word {@code w}, ignoring case. */
    boolean is(String w) {
        return kind == Kind.WORD && text.equalsIgnoreCase(w);
    }

    /** Whether this is the symbol {@code s}. */
    boolean isSymbol(char s) {
        return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == s;
    }

    /** Upper-case text, for keyword comparisons. */
    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
