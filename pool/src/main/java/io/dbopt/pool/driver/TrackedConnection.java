package io.dbopt.pool.driver;

import io.dbopt.core.jdbc.ForwardingConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

/**
 * A physical connection as HikariCP sees it: {@link ConnectionFactory} hands these to HikariCP so the pool knows each
 * connection's server session id, counts creations and closes, and can condemn a connection the server has dropped
 * ({@link #markDead(String)}): HikariCP then finds it invalid and evicts it instead of lending it out. Thread-safe for
 * the calls HikariCP makes.
 */
public final class TrackedConnection extends ForwardingConnection {

    /** Told when the physical connection closes; the factory that opened it implements it. */
    interface Closer {
        /** The connection closed; {@code reason} is why it was condemned or aborted, null for a plain close. */
        void closed(TrackedConnection connection, String reason);
    }

    private final long id;
    private final long sessionId;
    private final long createdNanos;
    private final boolean prePing;
    private final Closer closer;
    private volatile String deadReason;
    private volatile boolean closed;

    TrackedConnection(Connection raw, long id, long sessionId, boolean prePing, Closer closer) {
        super(raw);
        this.id = id;
        this.sessionId = sessionId;
        this.createdNanos = System.nanoTime();
        this.prePing = prePing;
        this.closer = closer;
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
            closer.closed(this, deadReason);
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
            closer.closed(this, deadReason == null ? "aborted" : deadReason);
        }
    }

    @Override
    public String toString() {
        return "conn#" + id + (sessionId == SessionIds.UNKNOWN ? "" : " (session " + sessionId + ")");
    }
}
