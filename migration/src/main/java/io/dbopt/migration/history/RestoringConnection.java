package io.dbopt.migration.history;

import io.dbopt.core.jdbc.ForwardingConnection;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection lent to Flyway with a session setting changed for the migration, which puts the setting back once,
 * when Flyway closes it and before it goes back to the user's pool. When putting it back fails, the connection is
 * closed anyway and the failure thrown (the pool then sees a closed connection, not one with the migration's
 * setting). Not thread-safe, as a JDBC connection is used by one thread at a time.
 */
final class RestoringConnection extends ForwardingConnection {

    /** Puts one setting of the connection back. */
    @FunctionalInterface
    interface Restore {
        void restore(Connection connection) throws SQLException;
    }

    private final Restore restore;
    private boolean restored;

    RestoringConnection(Connection delegate, Restore restore) {
        super(delegate);
        this.restore = restore;
    }

    @Override
    public void close() throws SQLException {
        if (!restored) {
            restored = true;
            try {
                restore.restore(delegate);
            } catch (SQLException | RuntimeException e) {
                closeAfter(delegate, e);
                throw e;
            }
        }
        delegate.close();
    }

    /** Closes a connection after {@code primary} failed, adding a failure of closing to it. */
    static void closeAfter(Connection connection, Exception primary) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException closeFailure) {
            primary.addSuppressed(closeFailure);
        }
    }
}
