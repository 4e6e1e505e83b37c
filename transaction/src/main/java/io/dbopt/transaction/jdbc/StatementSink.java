package io.dbopt.transaction.jdbc;

import java.sql.SQLException;

/**
 * Receives what statements created through a transaction-module connection wrapper do. Implementations are
 * thread-safe.
 */
public interface StatementSink {

    /** The most statements of one transaction a recorder keeps (the rest are not recorded). */
    int MAX_RECORDED_STATEMENTS = 200;

    /** A statement (or one statement of a batch) is about to run; {@code sql} is null when it is not known. */
    void statementStarted(String sql);

    /** The statement returned normally. */
    void statementEnded();

    /** The statement failed. */
    void statementFailed(SQLException error);
}
