package io.dbopt.transaction;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A statement wrapper that reports executions, their SQL and their errors to a {@link StatementSink} and returns the
 * wrapping connection from {@code getConnection()}, so that code cannot step around the wrapper. Everything else is
 * delegated. Used by one thread at a time, like the statement it wraps.
 */
final class RecordingStatement implements InvocationHandler {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final Statement target;
    private final String preparedSql;
    private final StatementSink sink;
    private final Connection owner;
    private List<String> batch;

    private RecordingStatement(Statement target, String preparedSql, StatementSink sink, Connection owner) {
        this.target = target;
        this.preparedSql = preparedSql;
        this.sink = sink;
        this.owner = owner;
    }

    /** Wraps {@code statement} as {@code type}: {@code Statement}, {@code PreparedStatement} or a callable one. */
    static Object wrap(Class<? extends Statement> type, Object statement, String preparedSql, StatementSink sink,
                       Connection owner) {
        return Proxy.newProxyInstance(RecordingStatement.class.getClassLoader(), new Class<?>[] {type},
                new RecordingStatement((Statement) statement, preparedSql, sink, owner));
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "getConnection":
                return owner;
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "addBatch":
                addToBatch(args);
                break;
            case "clearBatch":
                batch = null;
                break;
            default:
                break;
        }
        boolean executes = EXECUTE.contains(name);
        if (executes) {
            recordStart(name, args);
        }
        try {
            Object result = method.invoke(target, args);
            if (executes) {
                sink.statementEnded();
            }
            return result;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (executes && cause instanceof SQLException sql) {
                sink.statementFailed(sql);
            }
            throw cause;
        }
    }

    private void addToBatch(Object[] args) {
        String sql = args != null && args.length == 1 && args[0] instanceof String s ? s : preparedSql;
        if (batch == null) {
            batch = new ArrayList<>();
        }
        if (batch.size() < AttemptState.MAX_RECORDED_STATEMENTS) {
            batch.add(sql);
        }
    }

    private void recordStart(String name, Object[] args) {
        if (name.endsWith("Batch")) {
            if (batch != null) {
                batch.forEach(sink::statementStarted);
                batch = null;
            } else {
                sink.statementStarted(null);
            }
        } else {
            sink.statementStarted(args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql);
        }
    }
}
