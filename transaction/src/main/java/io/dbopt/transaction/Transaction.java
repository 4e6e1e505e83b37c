package io.dbopt.transaction;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.RowMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The transaction a piece of work runs in, handed to {@link TransactionCallback#execute(Transaction)}: its
 * connection, what it runs as, and savepoints for nested work.
 *
 * <p>{@link #connection()} is guarded: closing it does nothing, and {@code commit()}, {@code rollback()},
 * {@code setAutoCommit(true)} and changes of isolation or read-only mode fail, because the manager does those. The
 * handle is valid only while the work runs and, like the connection, is meant for the thread running the work.
 */
public final class Transaction {

    private final Connection connection;
    private final String name;
    private final Isolation isolation;
    private final boolean readOnly;
    private final Optional<String> tenant;
    private final int attempt;
    private final Dialect dialect;
    private final boolean nested;
    private final AttemptState state;
    private final boolean[] rollbackOnly;

    Transaction(Connection connection, String name, Isolation isolation, boolean readOnly, Optional<String> tenant,
                int attempt, Dialect dialect, AttemptState state) {
        this(connection, name, isolation, readOnly, tenant, attempt, dialect, false, state, new boolean[1]);
    }

    private Transaction(Connection connection, String name, Isolation isolation, boolean readOnly,
                        Optional<String> tenant, int attempt, Dialect dialect, boolean nested, AttemptState state,
                        boolean[] rollbackOnly) {
        this.connection = connection;
        this.name = name;
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.tenant = tenant;
        this.attempt = attempt;
        this.dialect = dialect;
        this.nested = nested;
        this.state = state;
        this.rollbackOnly = rollbackOnly;
    }

    /** A view for nested work joining this transaction under another name. */
    Transaction nestedView(String nestedName) {
        return new Transaction(connection, nestedName, isolation, readOnly, tenant, attempt, dialect, true, state,
                rollbackOnly);
    }

    AttemptState state() {
        return state;
    }

    /** The connection to run statements on; see the class comment for what it refuses. */
    public Connection connection() {
        return connection;
    }

    /** The transaction's name (for nested work, the nested call's name). */
    public String name() {
        return name;
    }

    /** The isolation level it runs at. */
    public Isolation isolation() {
        return isolation;
    }

    /** Whether it is read-only. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** The tenant it runs as, if any. */
    public Optional<String> tenant() {
        return tenant;
    }

    /** Which attempt this is: 1 for the first run, 2 for the first retry, and so on. */
    public int attempt() {
        return attempt;
    }

    /** The server's dialect, for quoting identifiers. */
    public Dialect dialect() {
        return dialect;
    }

    /** Whether this is nested work joining an outer transaction. */
    public boolean isNested() {
        return nested;
    }

    /** Asks for the transaction to be rolled back instead of committed when the work returns; it is not retried. */
    public void setRollbackOnly() {
        synchronized (rollbackOnly) {
            rollbackOnly[0] = true;
        }
    }

    /** Whether {@link #setRollbackOnly()} was called. */
    public boolean isRollbackOnly() {
        synchronized (rollbackOnly) {
            return rollbackOnly[0];
        }
    }

    /** Runs a statement with bound parameters and returns the affected row count. */
    public int update(String sql, Object... params) throws SQLException {
        return Jdbc.update(connection, sql, params);
    }

    /** Runs a query with bound parameters and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return Jdbc.query(connection, sql, mapper, params);
    }

    /** Runs a query with bound parameters and maps the first row, if any. */
    public <T> Optional<T> queryFirst(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return Jdbc.queryFirst(connection, sql, mapper, params);
    }

    /**
     * Runs nested work inside a savepoint: when it fails, its changes are rolled back to the savepoint and the error
     * propagates, while the transaction's earlier work stays (catch the error to carry on). Retryable errors
     * (deadlock, serialization failure, lock timeout, lost connection) are not caught at the savepoint: they doom the
     * whole transaction, which the manager retries as a whole.
     */
    public <T> T savepoint(TransactionCallback<T> work) throws SQLException {
        Objects.requireNonNull(work, "work");
        Savepoint savepoint = connection.setSavepoint();
        T result;
        try {
            result = work.execute(this);
        } catch (SQLException | RuntimeException | Error e) {
            undo(savepoint, e);
            throw e;
        }
        connection.releaseSavepoint(savepoint);
        return result;
    }

    /** Like {@link #savepoint(TransactionCallback)} for work without a result. */
    public void savepoint(TransactionWork work) throws SQLException {
        Objects.requireNonNull(work, "work");
        savepoint(tx -> {
            work.run(tx);
            return null;
        });
    }

    private void undo(Savepoint savepoint, Throwable failure) {
        ErrorKind kind = SqlErrors.classify(failure);
        if (kind.retryable()) {
            state.nestedFailed(failure);
            return;
        }
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            failure.addSuppressed(e);
            state.nestedFailed(failure);
        }
    }

    @Override
    public String toString() {
        return "Transaction[" + name + ", " + isolation + (readOnly ? ", read-only" : "") + ", attempt " + attempt
                + (nested ? ", nested" : "") + "]";
    }
}
