package io.dbopt.transaction.engine;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.transaction.Isolation;
import io.dbopt.transaction.Transaction;
import io.dbopt.transaction.TransactionCallback;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Transaction} of one attempt: its guarded connection, what it runs as, rollback-only flag shared with
 * nested views, and savepoints whose failures are reported to the attempt's state. Valid while the work runs.
 */
final class AttemptTransaction implements Transaction {

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

    AttemptTransaction(Connection connection, String name, Isolation isolation, boolean readOnly,
                       Optional<String> tenant,
                       int attempt, Dialect dialect, AttemptState state) {
        this(connection, name, isolation, readOnly, tenant, attempt, dialect, false, state, new boolean[1]);
    }

    private AttemptTransaction(Connection connection, String name, Isolation isolation, boolean readOnly,
                               Optional<String> tenant, int attempt, Dialect dialect, boolean nested,
                               AttemptState state, boolean[] rollbackOnly) {
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
    AttemptTransaction nestedView(String nestedName) {
        return new AttemptTransaction(connection, nestedName, isolation, readOnly, tenant, attempt, dialect, true,
                state, rollbackOnly);
    }

    AttemptState state() {
        return state;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public Optional<String> tenant() {
        return tenant;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public boolean isNested() {
        return nested;
    }

    @Override
    public void setRollbackOnly() {
        synchronized (rollbackOnly) {
            rollbackOnly[0] = true;
        }
    }

    @Override
    public boolean isRollbackOnly() {
        synchronized (rollbackOnly) {
            return rollbackOnly[0];
        }
    }

    @Override
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
