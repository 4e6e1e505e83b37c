package io.dbopt.pool.driver;

import io.dbopt.core.jdbc.ForwardingConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

/**
 * A physical connection as HikariCP sees it: {@link ConnectionFactory} hands these to HikariCP so the pool knows each
 * connection's server session id, counts creations and closes, can condemn a connection the server has dropped
 * ({@link #markDead(String)}: HikariCP then finds it invalid and evicts it instead of lending it out), and knows who
 * holds it ({@link #lease()}). HikariCP calls {@link #clearWarnings()} on the physical connection each time it takes a
 * connection back, which ends the lease: the pool books borrows without wrapping what it lends. Thread-safe for the
 * calls HikariCP makes.
 */
public final class TrackedConnection extends ForwardingConnection {

    /** Told when the physical connection is returned or closes; the factory that opened it implements it. */
    interface Owner {
        /** The connection came back to the pool; {@code lentSince} as {@link Lease#end()} gave it. */
        void returned(TrackedConnection connection, long lentSince);

        /** The connection closed; {@code reason} is why it was condemned or aborted, null for a plain close. */
        void closed(TrackedConnection connection, String reason);
    }

    private final long id;
    private final long sessionId;
    private final long createdNanos;
    private final boolean prePing;
    private final Owner owner;
    private final Lease lease;
    private volatile String deadReason;
    private volatile boolean closed;

    TrackedConnection(Connection raw, long id, long sessionId, boolean prePing, Owner owner) {
        super(raw);
        this.id = id;
        this.sessionId = sessionId;
        this.createdNanos = System.nanoTime();
        this.prePing = prePing;
        this.owner = owner;
        this.lease = new Lease(label(id, sessionId));
    }

    private static String label(long id, long sessionId) {
        return "conn#" + id + (sessionId == SessionIds.UNKNOWN ? "" : " (session " + sessionId + ")");
    }

    /** Who holds the connection now. */
    public Lease lease() {
        return lease;
    }

    /**
     * Clears the warnings; HikariCP calls this each time it takes the connection back, which ends the lease and, when
     * the lease says there is something to book ({@link Lease#end()}), books the return. (An application calling it while it holds the connection ends the lease early: the borrow is then
     * not reported as a leak.)
     */
    @Override
    public void clearWarnings() throws SQLException {
        try {
            delegate.clearWarnings();
        } finally {
            long since = lease.end();
            if (since >= 0) {
                owner.returned(this, since);
            }
        }
    }

    /** The server's id of the session, -1 when the driver does not say (see {@link #sessionKnown()}). */
    public long sessionId() {
        return sessionId;
    }

    /** Whether the driver told the server's id of the session (pgjdbc and MariaDB Connector/J do). */
    public boolean sessionKnown() {
        return sessionId != SessionIds.UNKNOWN;
    }

    /** When it was opened, on the {@link System#nanoTime()} clock. */
    public long createdNanos() {
        return createdNanos;
    }

    /** Condemns the connection: the next validation fails and HikariCP evicts it. */
    public void markDead(String reason) {
        if (deadReason == null) {
            deadReason = reason;
        }
    }

    /** Whether it was condemned. */
    public boolean isMarkedDead() {
        return deadReason != null;
    }

    /** Whether the physical connection was closed. */
    public boolean isPhysicallyClosed() {
        return closed;
    }

    /** Asks the server, whatever {@code pre_ping} says; false when it does not answer within the timeout. */
    public boolean probe(int timeoutSeconds) {
        try {
            return deadReason == null && delegate.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        if (deadReason != null) {
            return false;
        }
        if (!prePing) {
            return !delegate.isClosed();
        }
        return delegate.isValid(timeoutSeconds);
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            delegate.close();
        } finally {
            owner.closed(this, deadReason);
        }
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            delegate.abort(executor);
        } finally {
            owner.closed(this, deadReason == null ? "aborted" : deadReason);
        }
    }

    @Override
    public String toString() {
        return lease.label();
    }
}
