package io.dbopt.transaction;

import java.sql.SQLException;

/** Receives what statements created through a dbopt connection wrapper do. Implementations are thread-safe. */
interface StatementSink {

    /** A statement (or one statement of a batch) is about to run. */
    void statementStarted(String sql);

    /** The statement returned normally. */
    void statementEnded();

    /** The statement failed. */
    void statementFailed(SQLException error);
}
