package io.dbopt.transaction.jdbc;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.jdbc.ForwardingDataSource;
import io.dbopt.transaction.Isolation;
import io.dbopt.transaction.TransactionTrace;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A data source whose connections record the statements of each transaction (between auto-commit off and
 * {@code commit()}) and hand them, at commit, to an observer (the isolation advisor), named after the application
 * method that committed. The isolation is the server default read once, unless the code set another with
 * {@code setTransactionIsolation} or {@code SET TRANSACTION ISOLATION LEVEL}. Thread-safe; each connection is used
 * by one thread at a time.
 */
public final class RecordingDataSource extends ForwardingDataSource {

    private static final Pattern SET_ISOLATION = Pattern.compile(
            "(?i)^\\s*(?:SET\\s+(?:SESSION\\s+)?TRANSACTION|START\\s+TRANSACTION|BEGIN)\\s+(?:TRANSACTION\\s+)?"
                    + "ISOLATION\\s+LEVEL\\s+(READ\\s+UNCOMMITTED|READ\\s+COMMITTED|REPEATABLE\\s+READ|SERIALIZABLE)");
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final java.security.CodeSource OWN_CODE = RecordingDataSource.class.getProtectionDomain()
            .getCodeSource();

    private final Consumer<TransactionTrace> observer;
    private volatile DatabaseProduct product;
    private volatile Isolation serverDefault;

    private RecordingDataSource(DataSource target, Consumer<TransactionTrace> observer) {
        super(target);
        this.observer = observer;
    }

    /** Wraps {@code target} so that every committed transaction of two statements or more goes to {@code observer}. */
    public static DataSource wrap(DataSource target, Consumer<TransactionTrace> observer) {
        return new RecordingDataSource(Objects.requireNonNull(target, "dataSource"),
                Objects.requireNonNull(observer, "observer"));
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return recording(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return recording(delegate.getConnection(username, password));
    }

    @Override
    public String toString() {
        return "isolation-advised " + delegate;
    }

    private Connection recording(Connection connection) throws SQLException {
        learnServer(connection);
        return new RecordingConnection(connection, connection.getAutoCommit());
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
    private final class RecordingConnection extends ReportingConnection implements StatementSink {
        private final List<String> statements = new ArrayList<>();
        private boolean autoCommit;
        private Isolation sessionIsolation;
        private Isolation transactionIsolation;

        RecordingConnection(Connection target, boolean autoCommit) {
            super(target);
            this.autoCommit = autoCommit;
        }

        @Override
        StatementSink sink() {
            return this;
        }

        @Override
        public void setAutoCommit(boolean on) throws SQLException {
            delegate.setAutoCommit(on);
            if (on && !autoCommit) {
                transactionEnded(true); // switching auto-commit on commits the open transaction
            }
            autoCommit = on;
        }

        @Override
        public void setTransactionIsolation(int level) throws SQLException {
            delegate.setTransactionIsolation(level);
            sessionIsolation = Isolation.fromJdbc(level);
        }

        @Override
        public void commit() throws SQLException {
            delegate.commit();
            transactionEnded(true);
        }

        @Override
        public void rollback() throws SQLException {
            delegate.rollback();
            transactionEnded(false);
        }

        @Override
        public void close() throws SQLException {
            delegate.close();
            statements.clear();
        }

        private void transactionEnded(boolean committed) {
            if (committed && statements.size() > 1) {
                Isolation level = transactionIsolation != null ? transactionIsolation
                        : sessionIsolation != null ? sessionIsolation : serverDefault;
                observer.accept(new TransactionTrace(callSite(), level, product, statements));
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
            if (statements.size() < MAX_RECORDED_STATEMENTS) {
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
