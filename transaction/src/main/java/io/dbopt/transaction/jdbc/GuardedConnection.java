package io.dbopt.transaction.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The connection a transaction's work sees: it forwards everything to the pooled connection except what would break
 * the transaction's contract. {@code close()} does nothing (the manager closes), {@code commit()},
 * {@code rollback()}, {@code setAutoCommit(true)} and changes of isolation or read-only mode fail, because the
 * manager commits, rolls back and applies options. Statements it creates report their errors (and their SQL) to the
 * {@link GuardSink}, so an error the work catches and ignores still prevents a commit that PostgreSQL would silently
 * turn into a rollback. {@link #unwrap} goes straight to the pooled connection. Thread-safe like the connection.
 */
public final class GuardedConnection extends ReportingConnection {

    private static final String STATE_INVALID = "25000";

    private final GuardSink sink;
    private final Map<Savepoint, Integer> savepoints = new IdentityHashMap<>();

    private GuardedConnection(Connection target, GuardSink sink) {
        super(target);
        this.sink = sink;
    }

    @Override
    StatementSink sink() {
        return sink;
    }

    /** The guarded view of {@code target} whose statements and savepoints report to {@code sink}. */
    public static Connection wrap(Connection target, GuardSink sink) {
        return new GuardedConnection(target, sink);
    }

    @Override
    public void close() {
        // the manager closes the connection after commit or rollback
    }

    @Override
    public void commit() throws SQLException {
        throw refused("commit()", "return from the work and the TransactionManager commits");
    }

    @Override
    public void rollback() throws SQLException {
        throw refused("rollback()", "throw an exception or call Transaction.setRollbackOnly()");
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        delegate.rollback(savepoint);
        Integer sequence;
        synchronized (savepoints) {
            sequence = savepoints.get(savepoint);
        }
        if (sequence != null) {
            sink.rolledBackTo(sequence);
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        if (autoCommit) {
            throw refused("setAutoCommit(true)", "the TransactionManager restores auto-commit at the end");
        }
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        if (level != delegate.getTransactionIsolation()) {
            throw refused("setTransactionIsolation", "set it with TransactionOptions.isolation(...) or an "
                    + "IsolationLevelSelector rule");
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        if (readOnly != delegate.isReadOnly()) {
            throw refused("setReadOnly", "use TransactionOptions.readOnly()");
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return remember(delegate.setSavepoint());
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return remember(delegate.setSavepoint(name));
    }

    private Savepoint remember(Savepoint savepoint) {
        synchronized (savepoints) {
            savepoints.put(savepoint, sink.savepointSet());
        }
        return savepoint;
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        synchronized (savepoints) {
            savepoints.remove(savepoint);
        }
        delegate.releaseSavepoint(savepoint);
    }

    @Override
    public String toString() {
        return "dbopt transaction connection (" + delegate + ")";
    }

    private static SQLException refused(String what, String instead) {
        return new SQLException(what + " is not allowed inside a TransactionManager transaction: " + instead,
                STATE_INVALID);
    }
}
