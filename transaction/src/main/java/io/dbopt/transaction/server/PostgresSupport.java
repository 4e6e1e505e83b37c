package io.dbopt.transaction.server;

import io.dbopt.transaction.Isolation;
import io.dbopt.transaction.TransactionOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL: everything is transaction-scoped, so nothing needs restoring. One round trip, sent together with the
 * driver's BEGIN: {@code SET TRANSACTION ISOLATION LEVEL ... [READ ONLY]; SELECT set_config(?, ?, true), ...} with
 * setting names and values bound. {@code set_config(..., true)} is {@code SET LOCAL}: the server reverts it at COMMIT
 * or ROLLBACK, so neither the time limits nor the tenant survive on a pooled connection.
 */
final class PostgresSupport implements ServerSupport {

    private final TenantBinding tenantBinding;

    PostgresSupport(TenantBinding tenantBinding) {
        this.tenantBinding = tenantBinding;
    }

    @Override
    public boolean errorsAbortTransaction() {
        return true;
    }

    @Override
    public Restore begin(Connection connection, Isolation isolation, TransactionOptions options,
                         Optional<String> tenant) throws SQLException {
        List<String> settings = new ArrayList<>(8);
        options.statementTimeout().ifPresent(d -> settings.addAll(List.of("statement_timeout", millis(d))));
        options.lockTimeout().ifPresent(d -> settings.addAll(List.of("lock_timeout", millis(d))));
        options.idleTimeout().ifPresent(d -> settings.addAll(List.of("idle_in_transaction_session_timeout",
                millis(d))));
        tenant.ifPresent(t -> settings.addAll(List.of(tenantBinding.postgresSetting(), t)));

        StringBuilder sql = new StringBuilder("SET TRANSACTION ISOLATION LEVEL ").append(isolation.sql());
        if (options.isReadOnly()) {
            sql.append(" READ ONLY");
        }
        if (!settings.isEmpty()) {
            sql.append("; SELECT ");
            for (int i = 0; i < settings.size(); i += 2) {
                sql.append(i == 0 ? "" : ", ").append("set_config(?, ?, true)");
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < settings.size(); i++) {
                ps.setString(i + 1, settings.get(i));
            }
            ps.execute();
        }
        return Restore.NONE;
    }

    private static String millis(java.time.Duration d) {
        return Long.toString(d.toMillis());
    }

    @Override
    public boolean hasOpenTransaction(Connection connection) throws SQLException {
        // Without pgjdbc we cannot tell for free; assume the worst rather than commit someone else's work.
        return PgjdbcAccess.transactionState(connection).map(s -> !s.equals("IDLE")).orElse(true);
    }

    @Override
    public Optional<Boolean> transactionAborted(Connection connection) throws SQLException {
        return PgjdbcAccess.transactionState(connection).map(s -> s.equals("FAILED"));
    }

    @Override
    public long commitLookupId(Connection connection) throws SQLException {
        try (java.sql.Statement s = connection.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT txid_current_if_assigned()")) {
            rs.next();
            long id = rs.getLong(1);
            return rs.wasNull() ? NO_WRITES : id;
        }
    }

    @Override
    public CommitStatus commitStatus(Connection other, long transactionId) throws SQLException {
        String status = io.dbopt.core.jdbc.Jdbc.queryFirst(other, "SELECT txid_status(?)", rs -> rs.getString(1),
                transactionId).orElse(null);
        if (status == null) {
            return CommitStatus.UNKNOWN;
        }
        return switch (status) {
            case "committed" -> CommitStatus.COMMITTED;
            case "aborted" -> CommitStatus.ABORTED;
            case "in progress" -> CommitStatus.IN_PROGRESS;
            default -> CommitStatus.UNKNOWN;
        };
    }

    @Override
    public boolean endAbandonedSession(Connection other, String sessionId, long transactionId) throws SQLException {
        // the pid alone could have been reused: the session must still hold this very transaction, idle
        return io.dbopt.core.jdbc.Jdbc.queryFirst(other, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE pid = ? AND state LIKE 'idle in transaction%' "
                        + "AND CAST(CAST(backend_xid AS text) AS bigint) = ? % 4294967296",
                rs -> rs.getBoolean(1), Integer.parseInt(sessionId), transactionId).orElse(false);
    }

    @Override
    public Optional<String> sessionId(Connection connection) throws SQLException {
        return PgjdbcAccess.backendPid(connection).map(String::valueOf);
    }
}
