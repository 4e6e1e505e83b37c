package io.dbopt.transaction.server;

import io.dbopt.core.Dialect;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.transaction.Isolation;
import io.dbopt.transaction.TransactionOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How one server applies a transaction's options and tells its state. Options are applied after auto-commit is
 * switched off and before the work's first statement; what {@link #begin} changes beyond the transaction is undone by
 * the {@link Restore} it returns, which the manager runs after commit or rollback.
 */
public sealed interface ServerSupport permits PostgresSupport, MariaDbSupport {

    /** The support for this dialect. */
    static ServerSupport of(Dialect dialect, TenantBinding tenantBinding) {
        return dialect instanceof MariaDbDialect maria ? new MariaDbSupport(maria, tenantBinding)
                : new PostgresSupport(tenantBinding);
    }

    /** Whether a statement error aborts the whole transaction until a rollback to a savepoint (PostgreSQL). */
    boolean errorsAbortTransaction();

    /**
     * Applies isolation, read-only mode, time limits and the tenant to the transaction about to start.
     *
     * @return what to run after commit or rollback to restore the session; {@link Restore#NONE} when nothing
     */
    Restore begin(Connection connection, Isolation isolation, TransactionOptions options, Optional<String> tenant)
            throws SQLException;

    /** Whether a connection handed out with auto-commit off already has a transaction open. */
    boolean hasOpenTransaction(Connection connection) throws SQLException;

    /** Whether the server aborted the open transaction, when the driver can tell without a round trip. */
    Optional<Boolean> transactionAborted(Connection connection) throws SQLException;

    /** The server's id of the session, when the driver can tell without a round trip. */
    Optional<String> sessionId(Connection connection) throws SQLException;

    /** {@link #commitLookupId}: the transaction wrote nothing, so a cut-off COMMIT changes nothing. */
    long NO_WRITES = 0;
    /** {@link #commitLookupId}: this server cannot look a COMMIT up afterwards. */
    long NO_LOOKUP = -1;

    /**
     * Just before COMMIT: the id by which another session can later tell whether this transaction committed,
     * {@link #NO_WRITES}, or {@link #NO_LOOKUP}. May cost a round trip.
     */
    long commitLookupId(Connection connection) throws SQLException;

    /** After a cut-off COMMIT, on another connection: what became of the transaction. */
    CommitStatus commitStatus(Connection other, long transactionId) throws SQLException;

    /**
     * After a cut-off COMMIT that the server still shows in progress, on another connection: ends the old session if,
     * and only if, it still holds that transaction open and waits for its client (so the COMMIT never arrived). The
     * transaction then rolls back. Returns whether a session was ended.
     */
    boolean endAbandonedSession(Connection other, String sessionId, long transactionId) throws SQLException;

    /** What the server says became of a transaction. */
    enum CommitStatus {
        /** It committed. */
        COMMITTED,
        /** It rolled back. */
        ABORTED,
        /** It is still open (the COMMIT has not arrived or is being processed). */
        IN_PROGRESS,
        /** The server cannot tell (the id is too old, or this server has no such lookup). */
        UNKNOWN
    }

    /** Undoes session changes made by {@link #begin}. */
    @FunctionalInterface
    interface Restore {
        /** Nothing to undo. */
        Restore NONE = connection -> {
        };

        /** Restores the session. */
        void restore(Connection connection) throws SQLException;
    }
}
