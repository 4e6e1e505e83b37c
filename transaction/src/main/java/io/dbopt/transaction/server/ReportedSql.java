package io.dbopt.transaction.server;

import io.dbopt.core.sql.SqlLiterals;
import io.dbopt.core.sql.SqlSyntax;

/**
 * Makes server-reported SQL text safe to show, through core's {@link SqlLiterals}: literals are replaced by
 * {@code ?} (string, numeric, dollar-quoted and, on MariaDB, double-quoted strings), comments dropped, white space
 * collapsed and the text cut to a length. Server views such as {@code pg_stat_activity.query} or
 * {@code SHOW ENGINE INNODB STATUS} carry literal values, which dbopt never puts in reports or logs.
 */
public final class ReportedSql {

    /** The longest text kept before the "..." that marks a cut. */
    public static final int MAX_LENGTH = 300;

    private ReportedSql() {
    }

    /**
     * The text with literals masked, comments dropped, white space collapsed, cut to {@link #MAX_LENGTH} characters
     * plus "..."; empty for {@code null}.
     *
     * @param mariaDb whether MariaDB's lexical rules apply ({@code "..."} strings, backslash escapes)
     */
    public static String mask(String sql, boolean mariaDb) {
        return SqlLiterals.mask(sql, mariaDb ? SqlSyntax.mariaDb() : SqlSyntax.postgres(),
                MAX_LENGTH + SqlLiterals.ELLIPSIS.length());
    }
}
