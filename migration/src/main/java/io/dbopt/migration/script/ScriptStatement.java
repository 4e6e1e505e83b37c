package io.dbopt.migration.script;

import io.dbopt.core.finding.Suppression;
import io.dbopt.core.sql.SqlLexer;
import io.dbopt.core.sql.SqlSyntax;
import io.dbopt.core.sql.SqlToken;
import java.util.List;
import java.util.Objects;

/**
 * One statement of a migration script, as the server will receive it, with where it starts in the file and the
 * {@code -- dbopt:ignore <rule> <reason>} suppressions written next to it.
 *
 * @param index the 1-based position of the statement in its script
 * @param line the 1-based line of its first token
 * @param column the 1-based column of its first token
 * @param sql the statement text without the delimiter and without surrounding comments
 * @param suppressions suppressions that apply to this statement
 * @param badSuppressions {@code dbopt:ignore} comments that could not be read, with the reason
 */
public record ScriptStatement(int index, int line, int column, String sql, List<Suppression> suppressions,
                              List<String> badSuppressions) {

    /** Validates and copies. */
    public ScriptStatement {
        if (index < 1 || line < 1 || column < 1) {
            throw new IllegalArgumentException("index, line and column are 1-based");
        }
        Objects.requireNonNull(sql, "sql");
        suppressions = List.copyOf(suppressions);
        badSuppressions = List.copyOf(badSuppressions);
    }

    /** Whether a suppression for the check id applies to this statement. */
    public boolean isSuppressed(String checkId) {
        return suppressions.stream().anyMatch(s -> s.check().value().equals(checkId));
    }

    /** The first word of the statement in upper case ({@code CREATE}, {@code ALTER}), empty when none. */
    public String keyword() {
        int end = 0;
        while (end < sql.length() && (Character.isLetter(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return sql.substring(0, end).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The 1-based line and column in the file of an offset into {@link #sql()}.
     *
     * @return {@code [line, column]}
     */
    public int[] position(int offset) {
        int at = Math.max(0, Math.min(offset, sql.length()));
        int lineStart = sql.lastIndexOf('\n', at - 1);
        int lines = 0;
        for (int i = 0; i < at; i++) {
            if (sql.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines == 0 ? new int[] {line, column + at} : new int[] {line + lines, at - lineStart};
    }

    /** The last line the statement spans. */
    public int endLine() {
        return position(sql.length())[0];
    }

    /** The statement's tokens without comments and semicolons (a procedure body's {@code ;} included). */
    public List<SqlToken> tokens(boolean mariaDb) {
        return SqlLexer.tokenizeWithoutComments(sql, mariaDb ? SqlSyntax.mariaDb() : SqlSyntax.postgres()).stream()
                .filter(t -> !t.is(";")).toList();
    }
}
