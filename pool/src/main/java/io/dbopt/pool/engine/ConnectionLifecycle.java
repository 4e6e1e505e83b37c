package io.dbopt.pool.engine;

import io.dbopt.core.ErrorKind;
import io.dbopt.pool.driver.ConnectionFactory;
import io.dbopt.pool.driver.TrackedConnection;

/**
 * Books the life of the physical connections dbopt opens: counts creations, failed attempts and evictions, books
 * each return ({@link Returns}), writes them to the event log, and remembers whether the latest attempt failed (the
 * health check's sign of a database it cannot reach). Thread-safe.
 */
public final class ConnectionLifecycle implements ConnectionFactory.Listener {

    private final PoolCounters counters;
    private final PoolEvents events;
    private final Returns returns;
    private volatile long lastCreatedNanos;
    private volatile long lastFailedNanos;
    private volatile ErrorKind lastFailure;

    /** Books into these counters and this event log. */
    public ConnectionLifecycle(PoolCounters counters, PoolEvents events, Returns returns) {
        this.counters = counters;
        this.events = events;
        this.returns = returns;
    }

    @Override
    public void created(TrackedConnection connection) {
        lastCreatedNanos = System.nanoTime();
        counters.created();
        events.created(connection.toString());
    }

    @Override
    public void returned(TrackedConnection connection, long lentSince) {
        returns.booked(connection.lease(), lentSince);
    }

    @Override
    public void creationFailed(ErrorKind kind) {
        lastFailure = kind;
        lastFailedNanos = System.nanoTime();
        counters.creationFailed();
    }

    /** Why the latest attempt to open a connection failed; empty when it succeeded or none was made. */
    public java.util.Optional<ErrorKind> latestAttemptFailure() {
        ErrorKind kind = lastFailure;
        return kind != null && lastFailedNanos - lastCreatedNanos > 0 ? java.util.Optional.of(kind)
                : java.util.Optional.empty();
    }

    @Override
    public void closed(TrackedConnection connection, String reason, boolean shuttingDown) {
        if (!shuttingDown) {
            counters.evicted();
        }
        events.closed(connection.toString(), reason);
    }
}
