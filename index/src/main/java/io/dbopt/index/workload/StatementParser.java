package io.dbopt.index.workload;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses one statement exactly as JSqlParser's {@code CCJSqlParserUtil.parse(String)} does (simple parsing first,
 * then complex parsing unless the text nests deeper than JSqlParser allows), but on the calling thread: JSqlParser's
 * entry point starts a new thread per call to enforce its parse timeout, which for a workload of hundreds of
 * statements cost hundreds of thread starts. Stateless and thread-safe.
 */
public final class StatementParser {

    /** Longer texts are not parsed (JSqlParser's time grows with them, and its timeout thread is not used). */
    static final int MAX_LENGTH = 100_000;

    private StatementParser() {
    }

    /**
     * The parsed statement.
     *
     * @return the statement, or null for null or empty text (as JSqlParser answers)
     * @throws JSQLParserException when JSqlParser cannot read the text
     */
    public static Statement parse(String sql) throws JSQLParserException {
        if (sql == null || sql.isEmpty()) {
            return null;
        }
        if (sql.length() > MAX_LENGTH) {
            // without JSqlParser's parsing thread there is no parse timeout: bound the work as the query module does
            throw new JSQLParserException("statement of " + sql.length() + " characters not parsed (more than "
                    + MAX_LENGTH + ")");
        }
        try {
            return statement(CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false));
        } catch (JSQLParserException simple) {
            if (CCJSqlParserUtil.getNestingDepth(sql) > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH) {
                throw simple;
            }
            return statement(CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true));
        }
    }

    private static Statement statement(CCJSqlParser parser) throws JSQLParserException {
        try {
            return parser.Statement();
        } catch (Exception | StackOverflowError e) {
            // JSqlParser's executor wraps whatever its parsing thread throws, errors included
            throw new JSQLParserException(e);
        }
    }
}
