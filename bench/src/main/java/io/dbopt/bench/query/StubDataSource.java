package io.dbopt.bench.query;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A data source that does nothing, made of plain {@link Proxy} objects, so that a benchmark measures the layers
 * above it: every statement returns a result set of one row holding {@code 1L}. Thread-safe.
 */
final class StubDataSource {

    private StubDataSource() {
    }

    static DataSource create() {
        return proxy(DataSource.class, (p, m, args) -> switch (m.getName()) {
            case "getConnection" -> connection();
            case "getLoginTimeout" -> 0;
            case "isWrapperFor" -> false;
            default -> defaultValue(m);
        });
    }

    private static Connection connection() {
        boolean[] autoCommit = {true};
        return proxy(Connection.class, (p, m, args) -> switch (m.getName()) {
            case "prepareStatement" -> statement(PreparedStatement.class, p);
            case "createStatement" -> statement(Statement.class, p);
            case "isValid" -> true;
            case "getAutoCommit" -> autoCommit[0];
            case "setAutoCommit" -> {
                autoCommit[0] = (Boolean) args[0];
                yield null;
            }
            case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
            case "getMetaData" -> metaData(p);
            case "isWrapperFor" -> false;
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == args[0];
            default -> defaultValue(m);
        });
    }

    private static DatabaseMetaData metaData(Object connection) {
        return proxy(DatabaseMetaData.class, (p, m, args) -> switch (m.getName()) {
            case "getDatabaseProductName" -> "StubDB";
            case "getDatabaseProductVersion" -> "1.0";
            case "getURL" -> "jdbc:stub:bench";
            case "getConnection" -> connection;
            default -> defaultValue(m);
        });
    }

    private static <T extends Statement> T statement(Class<T> type, Object connection) {
        return proxy(type, (p, m, args) -> switch (m.getName()) {
            case "executeQuery" -> resultSet();
            case "execute" -> true;
            case "getResultSet" -> resultSet();
            case "executeUpdate" -> 1;
            case "getUpdateCount" -> -1;
            case "getConnection" -> connection;
            case "isWrapperFor" -> false;
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == args[0];
            default -> defaultValue(m);
        });
    }

    private static ResultSet resultSet() {
        int[] position = {0};
        return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
            case "next" -> ++position[0] == 1;
            case "getLong" -> 1L;
            case "getInt" -> 1;
            case "getObject" -> 1L;
            case "getString" -> "1";
            case "isWrapperFor" -> false;
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == args[0];
            default -> defaultValue(m);
        });
    }

    private static Object defaultValue(Method m) {
        Class<?> r = m.getReturnType();
        if (r == boolean.class) {
            return false;
        }
        if (r == int.class || r == long.class || r == short.class || r == byte.class) {
            return r == long.class ? 0L : r == int.class ? 0 : r == short.class ? (short) 0 : (byte) 0;
        }
        if (r == double.class || r == float.class) {
            return r == double.class ? 0d : 0f;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(StubDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
