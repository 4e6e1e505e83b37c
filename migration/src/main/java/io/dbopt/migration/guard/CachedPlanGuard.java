package io.dbopt.migration.guard;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Keeps pooled PostgreSQL connections from failing with {@code cached plan must not change result type} (SQLSTATE
 * 0A000) after a migration changes a table their prepared statements read: a server-side prepared statement keeps
 * its old result shape, and the first execution inside a transaction fails.
 *
 * <p>The guard wraps the application's (pooled) data source. When a connection is borrowed after this process
 * migrated ({@link SchemaEpoch} advanced), it runs {@code DEALLOCATE ALL} on it once, which pgjdbc notices and
 * re-prepares its statements. When the schema changed elsewhere, the first 0A000 on a connection heals it: if the
 * failing statement was the first of its transaction (or ran in autocommit) the transaction is rolled back, the
 * connection healed and the statement retried, invisibly to the caller; otherwise the error surfaces and the
 * connection heals at the caller's rollback. Either way the epoch advances, so every other connection heals
 * before its next use: each connection handles the change at most once. MariaDB re-prepares by itself; there the
 * guard does nothing. Thread-safe; the wrapped data source is not closed by the guard.
 */
public final class CachedPlanGuard implements DataSource {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(CachedPlanGuard.class);
    private static final String CACHED_PLAN_STATE = "0A000";

    private final DataSource delegate;
    private final SchemaEpoch epoch;
    private final Map<Connection, PhysicalState> states = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicLong heals = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    /** What the guard knows about one physical connection. */
    private static final class PhysicalState {
        final boolean postgres;
        long seenEpoch;
        boolean healPending;
        int statementsInTransaction;

        PhysicalState(boolean postgres, long seenEpoch) {
            this.postgres = postgres;
            this.seenEpoch = seenEpoch;
        }
    }

    private CachedPlanGuard(DataSource delegate, SchemaEpoch epoch) {
        this.delegate = delegate;
        this.epoch = epoch;
    }

    /**
     * Wraps a data source.
     *
     * @param dataSource the application's data source, usually a pool
     * @param epoch the epoch of the {@link io.dbopt.migration.MigrationFramework} that migrates this database
     */
    public static CachedPlanGuard wrap(DataSource dataSource, SchemaEpoch epoch) {
        return new CachedPlanGuard(Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(epoch, "epoch"));
    }

    /** How many times a connection was healed with {@code DEALLOCATE ALL}. */
    public long heals() {
        return heals.get();
    }

    /** How many statements failed with 0A000 and were retried invisibly. */
    public long retries() {
        return retries.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guard(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guard(delegate.getConnection(username, password));
    }

    private Connection guard(Connection connection) throws SQLException {
        Connection physical = connection.unwrap(Connection.class);
        PhysicalState state;
        synchronized (states) {
            state = states.get(physical);
            if (state == null) {
                String product = connection.getMetaData().getDatabaseProductName();
                state = new PhysicalState(product != null && product.toLowerCase(java.util.Locale.ROOT)
                        .contains("postgres"), epoch.current());
                states.put(physical, state);
            }
        }
        state.statementsInTransaction = 0;
        if (state.postgres && (state.seenEpoch < epoch.current() || state.healPending)) {
            heal(connection, state);
        }
        return (Connection) Proxy.newProxyInstance(CachedPlanGuard.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionHandler(connection, state));
    }

    private void heal(Connection connection, PhysicalState state) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DEALLOCATE ALL");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        state.seenEpoch = epoch.current();
        state.healPending = false;
        heals.incrementAndGet();
        LOG.debug("cached-plan-guard - deallocated prepared statements of a connection after a schema change");
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;
        private final PhysicalState state;

        ConnectionHandler(Connection connection, PhysicalState state) {
            this.connection = connection;
            this.state = state;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = call(connection, method, args);
            switch (method.getName()) {
                case "commit", "setAutoCommit" -> state.statementsInTransaction = 0;
                case "rollback" -> {
                    state.statementsInTransaction = 0;
                    if (state.healPending && (args == null || args.length == 0)) {
                        heal(connection, state);
                    }
                }
                case "createStatement", "prepareStatement", "prepareCall" -> {
                    Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                            : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                    return Proxy.newProxyInstance(CachedPlanGuard.class.getClassLoader(), new Class<?>[] {type},
                            new StatementHandler((Statement) result, connection, state));
                }
                default -> {
                    // everything else passes through
                }
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final Connection connection;
        private final PhysicalState state;

        StatementHandler(Statement statement, Connection connection, PhysicalState state) {
            this.statement = statement;
            this.connection = connection;
            this.state = state;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (!method.getName().startsWith("execute")) {
                return method.getName().equals("getConnection") ? connection : call(statement, method, args);
            }
            try {
                Object result = call(statement, method, args);
                state.statementsInTransaction++;
                return result;
            } catch (SQLException e) {
                if (!state.postgres || !CACHED_PLAN_STATE.equals(e.getSQLState())) {
                    throw e;
                }
                if (state.seenEpoch >= epoch.current()) {
                    // this connection is the first to notice a change made elsewhere: the others heal on borrow
                    epoch.advance();
                }
                boolean autoCommit;
                try {
                    autoCommit = connection.getAutoCommit();
                    if (autoCommit || state.statementsInTransaction == 0) {
                        if (!autoCommit) {
                            connection.rollback();
                        }
                        heal(connection, state);
                    }
                } catch (SQLException healFailure) {
                    // a pool may have closed the connection already (HikariCP evicts on 0A000): report the original
                    e.addSuppressed(healFailure);
                    throw e;
                }
                if (autoCommit || state.statementsInTransaction == 0) {
                    retries.incrementAndGet();
                    Object result = call(statement, method, args);
                    state.statementsInTransaction++;
                    return result;
                }
                state.healPending = true;
                throw e;
            }
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
