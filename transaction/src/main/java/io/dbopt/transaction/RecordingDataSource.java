package io.dbopt.transaction;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DatabaseProduct;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The {@link IsolationAdvisor}'s own statement hook for code that does not use {@link TransactionManager}: a data
 * source whose connections record the statements of each transaction (between auto-commit off and
 * {@code commit()}) and hand them to the advisor at commit, named after the application method that committed.
 * The isolation is the server default read once, unless the code set another with
 * {@code setTransactionIsolation} or {@code SET TRANSACTION ISOLATION LEVEL}.
 */
final class RecordingDataSource implements InvocationHandler {

    private static final Pattern SET_ISOLATION = Pattern.compile(
            "(?i)^\\s*(?:SET\\s+(?:SESSION\\s+)?TRANSACTION|START\\s+TRANSACTION|BEGIN)\\s+(?:TRANSACTION\\s+)?"
                    + "ISOLATION\\s+LEVEL\\s+(READ\\s+UNCOMMITTED|READ\\s+COMMITTED|REPEATABLE\\s+READ|SERIALIZABLE)");
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final java.security.CodeSource OWN_CODE = RecordingDataSource.class.getProtectionDomain()
            .getCodeSource();

    private final DataSource target;
    private final IsolationAdvisor advisor;
    private volatile DatabaseProduct product;
    private volatile Isolation serverDefault;

    private RecordingDataSource(DataSource target, IsolationAdvisor advisor) {
        this.target = target;
        this.advisor = advisor;
    }

    static DataSource wrap(DataSource target, IsolationAdvisor advisor) {
        return (DataSource) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, new RecordingDataSource(target, advisor));
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "isolation-advised " + target;
            default:
                break;
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (method.getName().equals("getConnection")) {
            Connection connection = (Connection) result;
            learnServer(connection);
            RecordingConnection handler = new RecordingConnection(connection, connection.getAutoCommit());
            handler.proxy = (Connection) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
            return handler.proxy;
        }
        return result;
    }

    private void learnServer(Connection connection) throws SQLException {
        if (product == null) {
            synchronized (this) {
                if (product == null) {
                    serverDefault = Isolation.fromJdbc(connection.getTransactionIsolation());
                    product = DatabaseInfo.detect(connection).dialect().product();
                }
            }
        }
    }

    /** The first frame outside dbopt, JDBC drivers, pools and the JDK: {@code OrderService.place}. */
    static String callSite() {
        Optional<String> site = WALKER.walk(frames -> frames
                .filter(f -> !isInfrastructure(f.getClassName()) && !isOwnCode(f.getDeclaringClass()))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                        + f.getMethodName()));
        return site.orElse("unknown");
    }

    private static boolean isOwnCode(Class<?> type) {
        java.security.CodeSource code = type.getProtectionDomain().getCodeSource();
        return OWN_CODE != null && code != null && OWN_CODE.getLocation().equals(code.getLocation());
    }

    private static boolean isInfrastructure(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")
                || className.startsWith("io.dbopt.core.")
                || className.startsWith("com.zaxxer.") || className.startsWith("org.postgresql.")
                || className.startsWith("org.mariadb.") || className.contains("$Proxy");
    }

    /** Records one connection's transactions. */
    private final class RecordingConnection implements InvocationHandler, StatementSink {
        private final Connection target;
        private final List<String> statements = new ArrayList<>();
        private Connection proxy;
        private boolean autoCommit;
        private Isolation sessionIsolation;
        private Isolation transactionIsolation;

        RecordingConnection(Connection target, boolean autoCommit) {
            this.target = target;
            this.autoCommit = autoCommit;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                case "createStatement":
                    return RecordingStatement.wrap(Statement.class, call(method, args), null, this, proxy);
                case "prepareStatement":
                    return RecordingStatement.wrap(PreparedStatement.class, call(method, args), (String) args[0],
                            this, proxy);
                case "prepareCall":
                    return RecordingStatement.wrap(CallableStatement.class, call(method, args), (String) args[0],
                            this, proxy);
                default:
                    break;
            }
            Object result = call(method, args);
            switch (name) {
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    if (on && !autoCommit) {
                        transactionEnded(true); // switching auto-commit on commits the open transaction
                    }
                    autoCommit = on;
                }
                case "setTransactionIsolation" -> sessionIsolation = Isolation.fromJdbc((Integer) args[0]);
                case "commit" -> transactionEnded(true);
                case "rollback" -> {
                    if (args == null || args.length == 0) {
                        transactionEnded(false);
                    }
                }
                case "close" -> statements.clear();
                default -> {
                    // everything else is passed through untouched
                }
            }
            return result;
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void transactionEnded(boolean committed) {
            if (committed && statements.size() > 1) {
                Isolation level = transactionIsolation != null ? transactionIsolation
                        : sessionIsolation != null ? sessionIsolation : serverDefault;
                advisor.observe(new TransactionTrace(callSite(), level, product, statements));
            }
            statements.clear();
            transactionIsolation = null;
        }

        @Override
        public void statementStarted(String sql) {
            if (sql == null || autoCommit) {
                return;
            }
            Matcher m = SET_ISOLATION.matcher(sql);
            if (m.find()) {
                transactionIsolation = Isolation.parse(m.group(1).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT));
                return;
            }
            if (statements.size() < AttemptState.MAX_RECORDED_STATEMENTS) {
                statements.add(sql);
            }
        }

        @Override
        public void statementEnded() {
            // timing is not needed for the advisor
        }

        @Override
        public void statementFailed(SQLException error) {
            // a failed statement still tells the pattern; the transaction decides whether it commits
        }
    }
}
