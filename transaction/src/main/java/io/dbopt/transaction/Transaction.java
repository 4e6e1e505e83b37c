package io.dbopt.transaction;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.RowMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The transaction a piece of work runs in, handed to {@link TransactionCallback#execute(Transaction)}: its
 * connection, what it runs as, and savepoints for nested work. The manager creates it; applications only use it.
 *
 * <p>{@link #connection()} is guarded: closing it does nothing, and {@code commit()}, {@code rollback()},
 * {@code setAutoCommit(true)} and changes of isolation or read-only mode fail, because the manager does those. The
 * handle is valid only while the work runs and, like the connection, is meant for the thread running the work.
 */
public interface Transaction {

    /** The connection to run statements on; see the type's comment for what it refuses. */
    Connection connection();

    /** The transaction's name (for nested work, the nested call's name). */
    String name();

    /** The isolation level it runs at. */
    Isolation isolation();

    /** Whether it is read-only. */
    boolean isReadOnly();

    /** The tenant it runs as, if any. */
    Optional<String> tenant();

    /** Which attempt this is: 1 for the first run, 2 for the first retry, and so on. */
    int attempt();

    /** The server's dialect, for quoting identifiers. */
    Dialect dialect();

    /** Whether this is nested work joining an outer transaction. */
    boolean isNested();

    /** Asks for the transaction to be rolled back instead of committed when the work returns; it is not retried. */
    void setRollbackOnly();

    /** Whether {@link #setRollbackOnly()} was called. */
    boolean isRollbackOnly();

    /** Runs a statement with bound parameters and returns the affected row count. */
    default int update(String sql, Object... params) throws SQLException {
        return Jdbc.update(connection(), sql, params);
    }

    /** Runs a query with bound parameters and maps every row. */
    default <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return Jdbc.query(connection(), sql, mapper, params);
    }

    /** Runs a query with bound parameters and maps the first row, if any. */
    default <T> Optional<T> queryFirst(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return Jdbc.queryFirst(connection(), sql, mapper, params);
    }

    /**
     * Runs nested work inside a savepoint: when it fails, its changes are rolled back to the savepoint and the error
     * propagates, while the transaction's earlier work stays (catch the error to carry on). Retryable errors
     * (deadlock, serialization failure, lock timeout, lost connection) are not caught at the savepoint: they doom the
     * whole transaction, which the manager retries as a whole.
     */
    <T> T savepoint(TransactionCallback<T> work) throws SQLException;

    /** Like {@link #savepoint(TransactionCallback)} for work without a result. */
    default void savepoint(TransactionWork work) throws SQLException {
        Objects.requireNonNull(work, "work");
        savepoint(tx -> {
            work.run(tx);
            return null;
        });
    }
}
