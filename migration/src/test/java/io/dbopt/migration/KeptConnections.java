package io.dbopt.migration;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections are not closed when the code under test closes them, so the sessions'
 * prepared statements can be inspected afterwards; a closed connection is handed out again, as a pool would.
 */
final class KeptConnections {
    private final DataSource target;
    final List<Connection> physical = Collections.synchronizedList(new ArrayList<>());
    private final List<Connection> idle = Collections.synchronizedList(new ArrayList<>());

    KeptConnections(DataSource target) {
        this.target = target;
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> borrow();
                    case "getLogWriter" -> (PrintWriter) null;
                    case "getParentLogger" -> Logger.getGlobal();
                    case "getLoginTimeout" -> 0;
                    case "unwrap" -> null;
                    case "isWrapperFor" -> false;
                    default -> null;
                });
    }

    private Connection borrow() throws SQLException {
        Connection c;
        synchronized (idle) {
            c = idle.isEmpty() ? null : idle.remove(idle.size() - 1);
        }
        if (c == null) {
            c = target.getConnection();
            physical.add(c);
        }
        c.setAutoCommit(true);
        Connection real = c;
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (!closed[0]) {
                            closed[0] = true;
                            if (!real.getAutoCommit()) {
                                real.rollback();
                            }
                            idle.add(real);
                        }
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return closed[0] || real.isClosed();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    void closeAll() throws SQLException {
        for (Connection c : kept()) {
            c.close();
        }
    }

    private List<Connection> kept() {
        synchronized (physical) {
            return List.copyOf(physical);
        }
    }
}
