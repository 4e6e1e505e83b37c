package io.dbopt.index.workload;

import io.dbopt.core.Dialect;
import io.dbopt.core.sql.SqlLexer;
import io.dbopt.core.sql.SqlLiterals;
import io.dbopt.core.sql.SqlSyntax;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import java.util.List;

/**
 * Placeholders and literals in SQL text, read from core's {@link SqlLexer} tokens (so strings, quoted identifiers,
 * comments and PostgreSQL dollar quotes are skipped): so that statement-statistics texts ({@code $1} from
 * pg_stat_statements, {@code ?} from JDBC and MariaDB digests) can be explained, and so that reports show statements
 * without their literal values. A lone {@code ?} is a placeholder; {@code ??} is JDBC's escape of PostgreSQL's
 * {@code ?} operators. Stateless and thread-safe.
 */
public final class Placeholders {

    private Placeholders() {
    }

    /** The highest {@code $n} placeholder number, 0 when there is none. */
    public static int dollarParameterCount(String sql, Dialect dialect) {
        int max = 0;
        for (SqlToken t : SqlLexer.tokenize(sql, dialect)) {
            if (isDollarParameter(t)) {
                max = Math.max(max, Integer.parseInt(t.text().substring(1)));
            }
        }
        return max;
    }

    /** The number of {@code ?} placeholders (a doubled {@code ??} is the JDBC escape for a literal {@code ?}). */
    public static int questionMarkCount(String sql, Dialect dialect) {
        return (int) SqlLexer.tokenize(sql, dialect).stream().filter(Placeholders::isQuestionMark).count();
    }

    /** JDBC text to PostgreSQL text: each {@code ?} becomes {@code $1, $2, ...} and {@code ??} becomes {@code ?}. */
    public static String questionMarksToDollars(String sql, Dialect dialect) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int copied = 0;
        int n = 0;
        for (SqlToken t : SqlLexer.tokenize(sql, dialect)) {
            if (isQuestionMark(t)) {
                out.append(sql, copied, t.start()).append('$').append(++n);
                copied = t.end();
            } else if (isEscapedOperator(t)) {
                out.append(sql, copied, t.start()).append(t.text().replace("??", "?"));
                copied = t.end();
            }
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /** Text for a JDBC prepared statement whose {@code ?} are operators, not placeholders: each is doubled. */
    public static String escapeQuestionMarks(String sql, Dialect dialect) {
        StringBuilder out = new StringBuilder(sql.length() + 4);
        int copied = 0;
        for (SqlToken t : SqlLexer.tokenize(sql, dialect)) {
            if (isQuestionMark(t) || isEscapedOperator(t)) {
                out.append(sql, copied, t.start()).append(t.text().replace("?", "??"));
                copied = t.end();
            }
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /** Whether the text holds a {@code ;} followed by more code, i.e. more than one statement. */
    public static boolean hasStatementSeparator(String sql, Dialect dialect) {
        boolean separated = false;
        for (SqlToken t : SqlLexer.tokenizeWithoutComments(sql, SqlSyntax.of(dialect))) {
            if (t.is(";")) {
                separated = true;
            } else if (separated) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces the {@code ?} placeholders in order with the given SQL literals.
     *
     * @throws IllegalArgumentException when the counts differ
     */
    public static String replaceQuestionMarks(String sql, Dialect dialect, List<String> literals) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int copied = 0;
        int n = 0;
        for (SqlToken t : SqlLexer.tokenize(sql, dialect)) {
            if (isQuestionMark(t)) {
                if (n >= literals.size()) {
                    throw new IllegalArgumentException("The statement has more placeholders than the "
                            + literals.size() + " values given");
                }
                out.append(sql, copied, t.start()).append(literals.get(n++));
                copied = t.end();
            }
        }
        if (n != literals.size()) {
            throw new IllegalArgumentException("The statement has " + n + " placeholders but " + literals.size()
                    + " values were given");
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /**
     * The statement for reports: string and number literals replaced by {@code ?}, comments dropped, white space
     * collapsed, cut to {@code maxLength} characters with "..." ({@link SqlLiterals#mask}).
     *
     * @param maxLength 4 or more
     */
    public static String normalize(String sql, Dialect dialect, int maxLength) {
        return SqlLiterals.mask(sql, SqlSyntax.of(dialect), maxLength);
    }

    /**
     * A MariaDB {@code performance_schema} digest made parseable: {@code IN (...)} lists and {@code ?, ...} runs
     * become single placeholders. Digests cut at {@code performance_schema_max_digest_length} stay unparseable.
     */
    public static String fromDigest(String digest) {
        return digest.replace("(...)", "(?)").replace("?, ...", "?").replace("? , ...", "?");
    }

    private static boolean isQuestionMark(SqlToken t) {
        return t.kind() == SqlTokenKind.PARAMETER && t.text().equals("?");
    }

    private static boolean isDollarParameter(SqlToken t) {
        return t.kind() == SqlTokenKind.PARAMETER && t.text().startsWith("$");
    }

    /** An operator holding JDBC's {@code ??} escape, e.g. {@code ??}, {@code ??|}, {@code @??}. */
    private static boolean isEscapedOperator(SqlToken t) {
        return t.kind() == SqlTokenKind.OPERATOR && t.text().contains("??");
    }
}
