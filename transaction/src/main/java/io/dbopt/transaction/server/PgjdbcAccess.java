package io.dbopt.transaction.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The two things only pgjdbc can tell without a round trip: whether a transaction is open or aborted on a
 * connection, and the backend's process id. pgjdbc is an optional dependency: {@link #AVAILABLE} is checked before
 * {@link Holder} (the only class naming pgjdbc types) is loaded.
 */
final class PgjdbcAccess {

    static final boolean AVAILABLE = present();

    private PgjdbcAccess() {
    }

    private static boolean present() {
        try {
            Class.forName("org.postgresql.core.BaseConnection", false, PgjdbcAccess.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The transaction state as pgjdbc tracks it ({@code IDLE}, {@code OPEN}, {@code FAILED}), if it can tell. */
    static Optional<String> transactionState(Connection connection) throws SQLException {
        return AVAILABLE ? Holder.transactionState(connection) : Optional.empty();
    }

    /** The server process id of the session, if pgjdbc drives the connection. */
    static Optional<Integer> backendPid(Connection connection) throws SQLException {
        return AVAILABLE ? Holder.backendPid(connection) : Optional.empty();
    }

    /** Loaded only when pgjdbc is on the class path. */
    private static final class Holder {
        private Holder() {
        }

        static Optional<String> transactionState(Connection connection) throws SQLException {
            if (!connection.isWrapperFor(org.postgresql.core.BaseConnection.class)) {
                return Optional.empty();
            }
            return Optional.of(connection.unwrap(org.postgresql.core.BaseConnection.class)
                    .getTransactionState().name());
        }

        static Optional<Integer> backendPid(Connection connection) throws SQLException {
            if (!connection.isWrapperFor(org.postgresql.PGConnection.class)) {
                return Optional.empty();
            }
            return Optional.of(connection.unwrap(org.postgresql.PGConnection.class).getBackendPID());
        }
    }
}
