package io.dbopt.transaction;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The connection a transaction's work sees: it delegates everything to the pooled connection except what would
 * break the transaction's contract. {@code close()} does nothing (the manager closes), {@code commit()},
 * {@code rollback()}, {@code setAutoCommit(true)} and changes of isolation or read-only mode fail, because the
 * manager commits, rolls back and applies options. Statements it creates report their errors (and, when recording,
 * their SQL) to the {@link AttemptState}, so an error the work catches and ignores still prevents a commit that
 * PostgreSQL would silently turn into a rollback.
 */
final class GuardedConnection implements InvocationHandler {

    private static final String STATE_INVALID = "25000";

    private final Connection target;
    private final AttemptState state;
    private final Map<Savepoint, Integer> savepoints = new IdentityHashMap<>();
    private Connection proxy;

    private GuardedConnection(Connection target, AttemptState state) {
        this.target = target;
        this.state = state;
    }

    static Connection wrap(Connection target, AttemptState state) {
        GuardedConnection handler = new GuardedConnection(target, state);
        handler.proxy = (Connection) Proxy.newProxyInstance(GuardedConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
        return handler.proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "close":
                return null; // the manager closes the connection after commit or rollback
            case "isClosed":
                return target.isClosed();
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "dbopt transaction connection (" + target + ")";
            case "commit":
                throw refused("commit()", "return from the work and the TransactionManager commits");
            case "rollback":
                if (args == null || args.length == 0) {
                    throw refused("rollback()", "throw an exception or call Transaction.setRollbackOnly()");
                }
                return rollbackTo((Savepoint) args[0]);
            case "setAutoCommit":
                if (Boolean.TRUE.equals(args[0])) {
                    throw refused("setAutoCommit(true)", "the TransactionManager restores auto-commit at the end");
                }
                return null;
            case "setTransactionIsolation":
                if ((Integer) args[0] != target.getTransactionIsolation()) {
                    throw refused("setTransactionIsolation", "set it with TransactionOptions.isolation(...) or "
                            + "an IsolationLevelSelector rule");
                }
                return null;
            case "setReadOnly":
                if ((Boolean) args[0] != target.isReadOnly()) {
                    throw refused("setReadOnly", "use TransactionOptions.readOnly()");
                }
                return null;
            case "setSavepoint":
                return setSavepoint(method, args);
            case "releaseSavepoint":
                synchronized (savepoints) {
                    savepoints.remove((Savepoint) args[0]);
                }
                return call(method, args);
            case "createStatement":
                return statement(Statement.class, call(method, args), null);
            case "prepareStatement":
                return statement(PreparedStatement.class, call(method, args), (String) args[0]);
            case "prepareCall":
                return statement(CallableStatement.class, call(method, args), (String) args[0]);
            default:
                return call(method, args);
        }
    }

    private Object setSavepoint(Method method, Object[] args) throws Throwable {
        Savepoint savepoint = (Savepoint) call(method, args);
        synchronized (savepoints) {
            savepoints.put(savepoint, state.savepointSet());
        }
        return savepoint;
    }

    private Object rollbackTo(Savepoint savepoint) throws SQLException {
        target.rollback(savepoint);
        Integer sequence;
        synchronized (savepoints) {
            sequence = savepoints.get(savepoint);
        }
        if (sequence != null) {
            state.rolledBackTo(sequence);
        }
        return null;
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static SQLException refused(String what, String instead) {
        return new SQLException(what + " is not allowed inside a TransactionManager transaction: " + instead,
                STATE_INVALID);
    }

    private Object statement(Class<? extends Statement> type, Object statement, String sql) {
        return RecordingStatement.wrap(type, statement, sql, state, proxy);
    }
}
