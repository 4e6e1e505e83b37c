package io.dbopt.transaction.server;

import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.UnsupportedDatabaseException;
import io.dbopt.transaction.Isolation;
import io.dbopt.transaction.TransactionOptions;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MariaDB (and MySQL where they agree): {@code SET TRANSACTION ISOLATION LEVEL ...[, READ ONLY]} applies to the next
 * transaction only and COMMIT or ROLLBACK clear it. Time limits and the tenant are session variables, so one
 * {@code SET} saves the previous values into {@code @dbopt_saved_*} user variables while assigning the new ones (the
 * server evaluates every right-hand side before assigning), and the returned {@link Restore} puts them back and
 * clears the tenant variable in one more {@code SET}.
 */
final class MariaDbSupport implements ServerSupport {

    private final MariaDbDialect dialect;
    private final TenantBinding tenantBinding;

    MariaDbSupport(MariaDbDialect dialect, TenantBinding tenantBinding) {
        this.dialect = dialect;
        this.tenantBinding = tenantBinding;
    }

    @Override
    public boolean errorsAbortTransaction() {
        return false;
    }

    @Override
    public Restore begin(Connection connection, Isolation isolation, TransactionOptions options,
                         Optional<String> tenant) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL " + isolation.sql() + (options.isReadOnly() ? ", READ ONLY"
                    : ""));
        }
        if (!options.hasTimeouts() && tenant.isEmpty()) {
            return Restore.NONE;
        }
        List<String> saves = new ArrayList<>();
        List<String> restores = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        options.statementTimeout().ifPresent(d -> {
            if (dialect.isMySql()) {
                session("max_execution_time", d.toMillis(), saves, restores, values);
            } else {
                session("max_statement_time", BigDecimal.valueOf(d.toMillis(), 3), saves, restores, values);
            }
        });
        options.lockTimeout().ifPresent(d -> {
            session("innodb_lock_wait_timeout", wholeSeconds(d), saves, restores, values);
            session("lock_wait_timeout", wholeSeconds(d), saves, restores, values);
        });
        if (options.idleTimeout().isPresent()) {
            dialect.requireMariaDb("An idle-in-transaction timeout per transaction (idle_transaction_timeout)");
            session("idle_transaction_timeout", wholeSeconds(options.idleTimeout().get()), saves, restores, values);
        }
        if (tenant.isPresent()) {
            saves.add("@" + tenantBinding.mariaDbVariable() + " = ?");
            values.add(tenant.get());
            restores.add("@" + tenantBinding.mariaDbVariable() + " = NULL");
        }
        String restoreSql = "SET " + String.join(", ", restores);
        Restore restore = c -> {
            try (Statement st = c.createStatement()) {
                st.execute(restoreSql);
            }
        };
        try (PreparedStatement ps = connection.prepareStatement("SET " + String.join(", ", saves))) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            ps.execute();
        }
        return restore;
    }

    private static void session(String variable, Object value, List<String> saves, List<String> restores,
                                List<Object> values) {
        String saved = "@dbopt_saved_" + variable;
        saves.add(saved + " = @@session." + variable);
        saves.add("@@session." + variable + " = ?");
        values.add(value);
        restores.add("@@session." + variable + " = " + saved);
        restores.add(saved + " = NULL");
    }

    private static long wholeSeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    @Override
    public boolean hasOpenTransaction(Connection connection) throws SQLException {
        if (dialect.isMySql()) {
            throw new UnsupportedDatabaseException("The connection came from the data source with auto-commit off, "
                    + "and MySQL cannot tell whether a transaction is open on it: configure the pool with "
                    + "auto-commit on");
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT @@in_transaction")) {
            return rs.next() && rs.getInt(1) != 0;
        }
    }

    @Override
    public Optional<Boolean> transactionAborted(Connection connection) {
        return Optional.empty(); // a MariaDB statement error never aborts the whole transaction
    }

    @Override
    public Optional<String> sessionId(Connection connection) {
        return Optional.empty();
    }

    /** MariaDB keeps no record of a transaction's outcome that another session could read. */
    @Override
    public long commitLookupId(Connection connection) {
        return NO_LOOKUP;
    }

    @Override
    public CommitStatus commitStatus(Connection other, long transactionId) {
        return CommitStatus.UNKNOWN;
    }

    @Override
    public boolean endAbandonedSession(Connection other, String sessionId, long transactionId) {
        return false;
    }
}
