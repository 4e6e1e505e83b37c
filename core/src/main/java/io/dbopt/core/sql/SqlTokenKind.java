package io.dbopt.core.sql;

/** What a {@link SqlToken} is. White space is not a token: it lies between tokens. */
public enum SqlTokenKind {
    /** An unquoted identifier or keyword, as written ({@code SELECT}, {@code orders}, {@code a$b}). */
    WORD,
    /**
     * A quoted identifier with its quotes: PostgreSQL {@code "Name"} and {@code U&"..."}, MariaDB {@code `name`}
     * (and {@code "name"} under {@code ANSI_QUOTES}); {@code `name`} on PostgreSQL too (see {@link SqlSyntax}).
     */
    QUOTED_IDENTIFIER,
    /**
     * A string literal with its quotes and prefix: {@code 'a''b'}, PostgreSQL {@code E'..'}, {@code B'..'},
     * {@code X'..'}, {@code N'..'}, {@code U&'..'} and dollar-quoted {@code $tag$...$tag$}; MariaDB {@code "..."}
     * unless {@code ANSI_QUOTES}.
     */
    STRING,
    /** A numeric literal: {@code 42}, {@code 1.5e-3}, {@code .5}, {@code 0x1F}, PostgreSQL 16 {@code 1_000}. */
    NUMBER,
    /** A bind parameter: JDBC {@code ?} or PostgreSQL {@code $1}. */
    PARAMETER,
    /**
     * An operator: {@code =}, {@code <>}, {@code ||}, PostgreSQL {@code ::}, {@code ->>}, {@code @>}, the JDBC
     * escape {@code ??} of PostgreSQL's {@code ?} operators, MariaDB {@code <=>}, {@code :=} and {@code @@}.
     */
    OPERATOR,
    /** One punctuation character: {@code ( ) [ ] { } , ; . :}, or any character no other kind accepts. */
    PUNCTUATION,
    /** A {@code --} or block comment, and MariaDB {@code #} comments; a line comment stops before the newline. */
    COMMENT
}
