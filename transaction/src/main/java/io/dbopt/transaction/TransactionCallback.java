package io.dbopt.transaction;

import java.sql.SQLException;

/**
 * Work run inside a transaction that returns a value. It may run more than once when the transaction is retried, so
 * it must not have effects outside the database that cannot be repeated (send the e-mail after the commit).
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface TransactionCallback<T> {

    /**
     * Does the work on {@link Transaction#connection()}.
     *
     * @throws SQLException as JDBC calls do; the manager classifies it, rolls back and retries or wraps it
     */
    T execute(Transaction tx) throws SQLException;
}
