package io.dbopt.pool.engine;

import io.dbopt.pool.driver.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Books a connection coming back to the pool, whoever noticed it (HikariCP taking back a connection dbopt opened, or
 * dbopt's wrapper around an adopted pool's): the hold time of a timed borrow, a note when a borrow reported as a
 * possible leak comes back, the event log's line. Called on the returning thread only for the returns that have
 * something to book ({@link Lease#end()}: a timed borrow, one reported as a leak, or one lent while the event log was
 * on); the common return, untimed and unreported, does not get here. Thread-safe.
 */
public final class Returns {

    private static final Logger LOG = LoggerFactory.getLogger(Returns.class);

    private final String poolName;
    private final PoolCounters counters;
    private final PoolEvents events;

    /** Books the returns of one pool. */
    public Returns(String poolName, PoolCounters counters, PoolEvents events) {
        this.poolName = poolName;
        this.counters = counters;
        this.events = events;
    }

    /** A connection came back; {@code lentSince} is when it was lent if the borrow was timed, else 0. */
    void booked(Lease lease, long lentSince) {
        long heldNanos = lentSince > 0 ? System.nanoTime() - lentSince : -1;
        if (heldNanos >= 0) {
            counters.returned(heldNanos);
        }
        if (lease.leakReported()) {
            LOG.info("{} - {} reported as a possible leak was returned{}", poolName, lease.label(),
                    heldNanos < 0 ? "" : " after " + heldNanos / 1_000_000 + " ms");
        }
        if (events.on()) {
            events.checkin(lease.label(), heldNanos);
        }
    }
}
