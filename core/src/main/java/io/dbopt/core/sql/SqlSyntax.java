package io.dbopt.core.sql;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import java.util.Locale;
import java.util.Objects;

/**
 * The lexical rules {@link SqlLexer} follows: a server family and the two settings that change how its text is
 * read. Start from {@link #postgres()}, {@link #mariaDb()} or {@link #of(Dialect)} (server defaults), and adjust
 * with {@link #withBackslashEscapes(boolean)} or {@link #mariaDb(String)} when the session's settings are known.
 *
 * <table>
 *   <caption>What the family decides</caption>
 *   <tr><th></th><th>PostgreSQL</th><th>MariaDB / MySQL</th></tr>
 *   <tr><td>{@code "x"}</td><td>identifier</td><td>string, identifier under {@code ANSI_QUOTES}</td></tr>
 *   <tr><td>{@code $tag$..$tag$}, {@code $1}</td><td>string, parameter</td><td>identifier characters</td></tr>
 *   <tr><td>{@code E'..'}, {@code U&'..'}</td><td>strings</td><td>a word and a string</td></tr>
 *   <tr><td>{@code --}</td><td>comment</td><td>comment only before white space or the end</td></tr>
 *   <tr><td>{@code #}</td><td>operator character</td><td>comment</td></tr>
 *   <tr><td>block comments</td><td>nested</td><td>not nested</td></tr>
 *   <tr><td>operators</td><td>longest run of operator characters</td><td>fixed set ({@code <=>}, {@code !=})</td></tr>
 * </table>
 *
 * Both families read {@code `x`} as a quoted identifier: PostgreSQL has no backtick quoting, but no valid
 * PostgreSQL statement holds a backtick outside user-defined operator names, and MariaDB text read under
 * PostgreSQL's rules stays sane. Immutable.
 *
 * @param product the server family; {@link DatabaseProduct#MYSQL} follows MariaDB's rules
 * @param backslashEscapes whether a backslash escapes the next character in ordinary strings: off on PostgreSQL
 *     ({@code standard_conforming_strings} is on by default; {@code E'..'} always escapes), on for MariaDB unless
 *     {@code NO_BACKSLASH_ESCAPES}
 * @param doubleQuotedStrings whether {@code "..."} is a string literal: MariaDB without {@code ANSI_QUOTES}; never
 *     on PostgreSQL
 */
public record SqlSyntax(DatabaseProduct product, boolean backslashEscapes, boolean doubleQuotedStrings) {

    private static final SqlSyntax POSTGRES = new SqlSyntax(DatabaseProduct.POSTGRESQL, false, false);
    private static final SqlSyntax MARIADB = new SqlSyntax(DatabaseProduct.MARIADB, true, true);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException when double-quoted strings are asked of PostgreSQL, where {@code "..."} is
     *     always an identifier
     */
    public SqlSyntax {
        Objects.requireNonNull(product, "product");
        if (product == DatabaseProduct.POSTGRESQL && doubleQuotedStrings) {
            throw new IllegalArgumentException("PostgreSQL always reads \"...\" as an identifier: "
                    + "use doubleQuotedStrings = false for PostgreSQL");
        }
    }

    /** PostgreSQL's defaults: {@code standard_conforming_strings = on}. */
    public static SqlSyntax postgres() {
        return POSTGRES;
    }

    /** MariaDB's defaults: backslash escapes, {@code "..."} strings. */
    public static SqlSyntax mariaDb() {
        return MARIADB;
    }

    /**
     * MariaDB's rules under a session's {@code sql_mode}: {@code ANSI_QUOTES} (also implied by {@code ANSI}) makes
     * {@code "..."} an identifier, {@code NO_BACKSLASH_ESCAPES} turns backslash escapes off.
     *
     * @param sqlMode the value of {@code @@sql_mode}, comma-separated, any case
     */
    public static SqlSyntax mariaDb(String sqlMode) {
        boolean ansiQuotes = false;
        boolean noBackslashEscapes = false;
        for (String mode : Objects.requireNonNull(sqlMode, "sqlMode").split(",")) {
            String m = mode.strip().toUpperCase(Locale.ROOT);
            ansiQuotes |= m.equals("ANSI_QUOTES") || m.equals("ANSI");
            noBackslashEscapes |= m.equals("NO_BACKSLASH_ESCAPES");
        }
        return new SqlSyntax(DatabaseProduct.MARIADB, !noBackslashEscapes, !ansiQuotes);
    }

    /** The server defaults of a dialect's family. */
    public static SqlSyntax of(Dialect dialect) {
        return Objects.requireNonNull(dialect, "dialect").product() == DatabaseProduct.POSTGRESQL ? POSTGRES
                : new SqlSyntax(dialect.product(), true, true);
    }

    /**
     * The same rules with backslash escapes in ordinary strings on or off (PostgreSQL with
     * {@code standard_conforming_strings = off}, MariaDB with {@code NO_BACKSLASH_ESCAPES}).
     */
    public SqlSyntax withBackslashEscapes(boolean escapes) {
        return new SqlSyntax(product, escapes, doubleQuotedStrings);
    }

    /** Whether PostgreSQL's rules apply (otherwise MariaDB's, which MySQL shares). */
    public boolean isPostgres() {
        return product == DatabaseProduct.POSTGRESQL;
    }
}
