package io.dbopt.pool;

import io.dbopt.core.jdbc.ForwardingConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

/**
 * A physical connection as HikariCP sees it: dbopt's {@link ConnectionFactory} hands these to HikariCP so the pool
 * knows each connection's server session id, counts creations and closes, and can condemn a connection the server
 * has dropped ({@link #markDead(String)}): HikariCP then finds it invalid and evicts it instead of lending it out.
 * Thread-safe for the calls HikariCP makes.
 */
final class TrackedConnection extends ForwardingConnection {

    final long id;
    final long sessionId;
    final long createdNanos;
    private final ConnectionFactory owner;
    private volatile String deadReason;
    private volatile boolean closed;

    TrackedConnection(Connection raw, long id, long sessionId, ConnectionFactory owner) {
        super(raw);
        this.id = id;
        this.sessionId = sessionId;
        this.createdNanos = System.nanoTime();
        this.owner = owner;
    }

    /** Condemns the connection: the next validation fails and HikariCP evicts it. */
    void markDead(String reason) {
        if (deadReason == null) {
            deadReason = reason;
        }
    }

    boolean isMarkedDead() {
        return deadReason != null;
    }

    boolean isPhysicallyClosed() {
        return closed;
    }

    /** Asks the server, whatever {@code pre_ping} says. */
    boolean probe(int timeoutSeconds) {
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
        if (!owner.prePing()) {
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
        return "conn#" + id + (sessionId == SessionIds.UNKNOWN ? "" : " (session " + sessionId + ")");
    }
}
