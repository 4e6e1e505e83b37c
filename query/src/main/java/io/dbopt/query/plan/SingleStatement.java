package io.dbopt.query.plan;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.sql.SqlLexer;
import io.dbopt.core.sql.SqlToken;
import io.dbopt.core.sql.SqlTokenKind;
import io.dbopt.query.QueryErrorCode;
import java.util.List;

/**
 * Makes sure a caller's SQL text is exactly one statement before it is explained, counting statements with core's
 * SQL lexer (so a {@code ;} inside a string, a quoted name, a dollar quote or a comment does not count). Trailing
 * semicolons are dropped. MariaDB's executable comments ({@code /*! ... *}{@code /}) are refused outright, since the
 * server runs what the lexer sees as a comment. Stateless.
 */
final class SingleStatement {

    private SingleStatement() {
    }

    /**
     * The one statement of {@code sql}, without trailing semicolons.
     *
     * @throws DbOptException with {@link QueryErrorCode#INVALID_STATEMENT} when the text holds no statement or more
     *     than one, or a MariaDB executable comment
     */
    static String of(String sql, Dialect dialect) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql, dialect);
        int end = -1;
        boolean ended = false;
        for (SqlToken t : tokens) {
            if (t.isComment()) {
                if (t.text().startsWith("/*!") || t.text().startsWith("/*M!")) {
                    throw new DbOptException(QueryErrorCode.INVALID_STATEMENT, "The statement holds an executable "
                            + "comment (/*! ... */), which the server would run: remove it and pass one statement");
                }
                continue;
            }
            if (t.kind() == SqlTokenKind.PUNCTUATION && t.is(";")) {
                ended = true;
                continue;
            }
            if (ended) {
                throw new DbOptException(QueryErrorCode.INVALID_STATEMENT, "The text holds more than one statement "
                        + "(a second one starts at line " + t.line() + "): EXPLAIN takes exactly one; pass the "
                        + "statements one at a time");
            }
            end = t.end();
        }
        if (end < 0) {
            throw new DbOptException(QueryErrorCode.INVALID_STATEMENT, "No statement to explain: pass the SQL text");
        }
        return sql.substring(0, end).strip();
    }
}
