package io.dbopt.pool.driver;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads the server's id of a freshly opened session without a round trip: pgjdbc's backend PID, MariaDB's
 * connection (thread) id. The driver classes are touched only when present, so neither driver is required.
 * Returns {@link #UNKNOWN} for other drivers. Thread-safe.
 */
final class SessionIds {

    static final long UNKNOWN = -1;

    private static final boolean PGJDBC = present("org.postgresql.PGConnection");
    private static final boolean MARIADB = present("org.mariadb.jdbc.Connection");

    private SessionIds() {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, SessionIds.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static long of(Connection raw) throws SQLException {
        if (PGJDBC && Pg.matches(raw)) {
            return Pg.pid(raw);
        }
        if (MARIADB && Maria.matches(raw)) {
            return Maria.threadId(raw);
        }
        return UNKNOWN;
    }

    /** Loaded only when pgjdbc is on the class path. */
    private static final class Pg {
        static boolean matches(Connection c) throws SQLException {
            return c.isWrapperFor(org.postgresql.PGConnection.class);
        }

        static long pid(Connection c) throws SQLException {
            return c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        }
    }

    /** Loaded only when MariaDB Connector/J is on the class path. */
    private static final class Maria {
        static boolean matches(Connection c) throws SQLException {
            return c.isWrapperFor(org.mariadb.jdbc.Connection.class);
        }

        static long threadId(Connection c) throws SQLException {
            return c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
        }
    }
}
