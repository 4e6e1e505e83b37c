package io.dbopt.core.sql;

import io.dbopt.core.Dialect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Splits SQL text into {@link SqlToken}s under PostgreSQL's or MariaDB's lexical rules ({@link SqlSyntax}), so that
 * a {@code ;}, a {@code ?} or a {@code --} inside a string, a quoted identifier, a comment or a dollar-quoted body is
 * never mistaken for code.
 *
 * <pre>{@code
 * for (SqlToken t : SqlLexer.tokenize("SELECT * FROM t WHERE a = ? -- note", SqlSyntax.postgres())) {
 *     // WORD SELECT, OPERATOR *, WORD FROM, WORD t, WORD WHERE, WORD a, OPERATOR =, PARAMETER ?, COMMENT -- note
 * }
 * }</pre>
 *
 * <p>What it reads, per family, is listed on {@link SqlSyntax} and {@link SqlTokenKind}. It never fails and never
 * loops: an unterminated string, quoted identifier, dollar quote or comment becomes one token running to the end
 * of the text, and a character it does not know becomes a one-character {@link SqlTokenKind#PUNCTUATION} token.
 * It does not parse: {@code DELIMITER} directives and other client commands are the caller's business. Linear in
 * the length of the text. Stateless and thread-safe.
 */
public final class SqlLexer {

    private SqlLexer() {
    }

    /**
     * All tokens of the text, comments included, in order.
     *
     * @return an unmodifiable list
     */
    public static List<SqlToken> tokenize(String sql, SqlSyntax syntax) {
        return collect(sql, syntax, true);
    }

    /** All tokens of the text under the server defaults of a dialect ({@link SqlSyntax#of(Dialect)}). */
    public static List<SqlToken> tokenize(String sql, Dialect dialect) {
        return collect(sql, SqlSyntax.of(dialect), true);
    }

    /**
     * The tokens without comments, for code that reads statements rather than scripts.
     *
     * @return an unmodifiable list
     */
    public static List<SqlToken> tokenizeWithoutComments(String sql, SqlSyntax syntax) {
        return collect(sql, syntax, false);
    }

    private static List<SqlToken> collect(String sql, SqlSyntax syntax, boolean comments) {
        Objects.requireNonNull(sql, "sql");
        Scanner scanner = new Scanner(sql, Objects.requireNonNull(syntax, "syntax"));
        List<SqlToken> tokens = new ArrayList<>(Math.max(8, sql.length() / 5));
        for (SqlToken t = scanner.next(); t != null; t = scanner.next()) {
            if (comments || !t.isComment()) {
                tokens.add(t);
            }
        }
        return Collections.unmodifiableList(tokens);
    }
}
