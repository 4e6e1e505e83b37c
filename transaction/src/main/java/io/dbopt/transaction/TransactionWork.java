package io.dbopt.transaction;

import java.sql.SQLException;

/**
 * Work run inside a transaction that returns nothing; see {@link TransactionCallback} for the rules (it may run more
 * than once).
 */
@FunctionalInterface
public interface TransactionWork {

    /**
     * Does the work on {@link Transaction#connection()}.
     *
     * @throws SQLException as JDBC calls do; the manager classifies it, rolls back and retries or wraps it
     */
    void run(Transaction tx) throws SQLException;
}
