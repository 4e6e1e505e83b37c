package io.dbopt.transaction;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * A data source that always hands out the same connection and ignores close(), as transaction-aware proxies of
 * application frameworks do while their transaction is open. A plain Java proxy, not a mock of database behaviour.
 */
final class SharedConnection {

    private SharedConnection() {
    }

    static DataSource of(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(SharedConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (self, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(SharedConnection.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (self, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                        return method.getName().equals("isWrapperFor") ? Boolean.FALSE : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
