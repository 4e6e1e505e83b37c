package io.dbopt.bench.pool;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver that does nothing, made of plain {@link Proxy} objects, so a benchmark measures the pool alone.
 * URLs starting with {@code jdbc:stub:} are accepted. Statements return one empty result set. Thread-safe.
 */
final class StubDriver {

    static final String URL = "jdbc:stub:bench";
    private static volatile boolean registered;

    private StubDriver() {
    }

    /** Registers the stub with {@link DriverManager} once. */
    static synchronized void register() throws SQLException {
        if (!registered) {
            DriverManager.registerDriver(new DriverShim());
            registered = true;
        }
    }

    /** The driver; a small class because {@link DriverManager} keeps the instance. */
    private static final class DriverShim implements Driver {
        @Override
        public Connection connect(String url, Properties info) {
            return acceptsURL(url) ? connection() : null;
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith("jdbc:stub:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }
    }

    static Connection connection() {
        return proxy(Connection.class, new StubHandler("connection"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(StubDriver.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** Answers every call with a neutral value; statements and result sets are stubs too. */
    private static final class StubHandler implements InvocationHandler {
        private final String kind;
        private boolean closed;

        StubHandler(String kind) {
            this.kind = kind;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws SQLException {
            String name = method.getName();
            switch (name) {
                case "close":
                    closed = true;
                    return null;
                case "isClosed":
                    return closed;
                case "isValid":
                    return !closed;
                case "getAutoCommit":
                    return true;
                case "getTransactionIsolation":
                    return Connection.TRANSACTION_READ_COMMITTED;
                case "isWrapperFor":
                    return false;
                case "unwrap":
                    throw new SQLException("stub " + kind + " wraps nothing");
                case "createStatement":
                    return proxy(Statement.class, new StubHandler("statement"));
                case "prepareStatement":
                    return proxy(PreparedStatement.class, new StubHandler("statement"));
                case "executeQuery":
                case "getResultSet":
                    return proxy(ResultSet.class, new StubHandler("result set"));
                case "next":
                    return false;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "stub " + kind;
                default:
                    return neutral(method.getReturnType());
            }
        }

        private static Object neutral(Class<?> type) {
            if (type == boolean.class) {
                return false;
            }
            if (type == int.class) {
                return 0;
            }
            if (type == long.class) {
                return 0L;
            }
            if (type == double.class) {
                return 0.0;
            }
            if (type == float.class) {
                return 0f;
            }
            if (type == short.class) {
                return (short) 0;
            }
            if (type == byte.class) {
                return (byte) 0;
            }
            return null;
        }
    }
}
