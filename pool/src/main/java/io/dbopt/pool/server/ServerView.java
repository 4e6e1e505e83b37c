package io.dbopt.pool.server;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The server's side of the pool: which application name (or user) the server attributes the pool's sessions to,
 * the sessions all instances of that application hold, and the server's connection limit. The catalog queries are
 * in {@code io/dbopt/pool/sql/<dialect>/}; values are bound. Stateless.
 */
public final class ServerView {

    private ServerView() {
    }

    /** How the server tells this application's sessions from others'. */
    public enum Attribution {
        /** By {@code application_name} (PostgreSQL) or the {@code program_name} connection attribute (MariaDB). */
        APPLICATION_NAME,
        /** By user, when no application name reaches the server (no name set, or MariaDB's performance_schema off). */
        USER
    }

    /**
     * Who the pool's sessions are on the server.
     *
     * @param dialect the server's dialect
     * @param application the application name the server sees, empty when none
     * @param user the user the pool connects as
     * @param attribution how sessions of all instances are found
     */
    public record Identity(Dialect dialect, String application, String user, Attribution attribution) {
        /** Validates. */
        public Identity {
            Objects.requireNonNull(dialect, "dialect");
            Objects.requireNonNull(application, "application");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(attribution, "attribution");
        }

        /** The application name, or {@code "user <name>"} when sessions are attributed by user. */
        public String display() {
            return attribution == Attribution.APPLICATION_NAME ? application : "user " + user;
        }
    }

    /**
     * One session of the application on the server.
     *
     * @param id the server's session id (PID, connection id)
     * @param state {@code active}, {@code idle}, {@code idle in transaction}, ...
     * @param stateSeconds how long it has been in that state
     * @param transactionSeconds how old its open transaction is, -1 when none
     */
    public record Session(long id, String state, long stateSeconds, long transactionSeconds) {
        /** Whether it sits idle inside a transaction. */
        public boolean idleInTransaction() {
            return state.startsWith("idle in transaction");
        }
    }

    /**
     * The server's connection limit and use.
     *
     * @param maxConnections {@code max_connections}
     * @param reserved slots kept for superusers
     * @param sessions client sessions open now, every application included
     */
    public record Capacity(int maxConnections, int reserved, int sessions) {
        /** Sessions clients may open: the limit minus the reserved slots. */
        public int usable() {
            return Math.max(0, maxConnections - reserved);
        }
    }

    /**
     * What the server showed at one moment.
     *
     * @param at when it was read
     * @param capacity the connection limit and use
     * @param sessions the sessions of this application, every instance, the monitor's own excluded
     * @param ownSessions how many of those belong to this pool
     */
    public record Snapshot(Instant at, Capacity capacity, List<Session> sessions, int ownSessions) {
        /** Copies. */
        public Snapshot {
            sessions = List.copyOf(sessions);
        }

        /** How long ago it was read. */
        public Duration age() {
            return Duration.between(at, Instant.now());
        }

        /** Sessions of the same application held by other pools or instances. */
        public int otherAppSessions() {
            return Math.max(0, sessions.size() - ownSessions);
        }

        /** Client sessions on the server not held by this pool (the monitor's own included). */
        public int otherServerSessions() {
            return Math.max(0, capacity.sessions() - ownSessions);
        }
    }

    /** Identifies a pooled session: run on a connection of the pool itself, so the names are the pool's. */
    public static Identity identify(Connection pooled, Duration timeout) throws SQLException {
        Dialect dialect = DatabaseInfo.detect(pooled).dialect();
        List<String[]> rows = Jdbc.query(pooled, timeout, SqlResource.load("pool", dialect, "identity"),
                rs -> new String[] {rs.getString("application"), rs.getString("user_name")});
        String application = rows.isEmpty() || rows.get(0)[0] == null ? "" : rows.get(0)[0];
        String user = rows.isEmpty() || rows.get(0)[1] == null ? "" : rows.get(0)[1];
        return new Identity(dialect, application, user,
                application.isEmpty() ? Attribution.USER : Attribution.APPLICATION_NAME);
    }

    /** Reads the server's connection limit and use. */
    public static Capacity capacity(Connection c, Dialect dialect, Duration timeout) throws SQLException {
        List<Capacity> rows = Jdbc.query(c, timeout, SqlResource.load("pool", dialect, "capacity"),
                rs -> new Capacity(rs.getInt("max_connections"), rs.getInt("reserved_connections"),
                        rs.getInt("sessions")));
        if (rows.isEmpty()) {
            throw new SQLException("The server returned no row for its connection limit");
        }
        return rows.get(0);
    }

    /** Reads the sessions of the application (or the user) on the server. */
    public static List<Session> sessions(Connection c, Identity identity, Duration timeout) throws SQLException {
        boolean byName = identity.attribution() == Attribution.APPLICATION_NAME;
        String sql = SqlResource.load("pool", identity.dialect(), byName ? "app-sessions" : "app-sessions-by-user");
        return Jdbc.query(c, timeout, sql, rs -> new Session(rs.getLong("session_id"), rs.getString("state"),
                        rs.getLong("state_seconds"), rs.getLong("transaction_seconds")),
                byName ? identity.application() : identity.user());
    }
}
