package io.dbopt.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A test's view of the statements a component prepares: a data source that forwards everything to its target and
 * tells a listener the text of every statement prepared on the connections it hands out ({@code prepareStatement},
 * before the driver sees it). For tests that check which statements ran and when, without a statement log of the
 * server. Thread-safe as the listener is.
 */
public final class WatchedDataSource {

    private WatchedDataSource() {
    }

    /**
     * The target, with {@code onPrepare} told the SQL of every {@code prepareStatement} call on its connections (on
     * the calling thread, before the call is forwarded).
     */
    public static DataSource of(DataSource target, Consumer<String> onPrepare) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(onPrepare, "onPrepare");
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    if (result instanceof Connection c) {
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, (px, m, a) -> {
                                    if (m.getName().equals("prepareStatement")) {
                                        onPrepare.accept((String) a[0]);
                                    }
                                    return invoke(m, c, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
