package io.dbopt.pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's event log, like SQLAlchemy's {@code echo_pool}: one DEBUG line per checkout, return, creation,
 * eviction and resize on the logger {@code io.dbopt.pool.events}, each starting with the pool name. Turn it on with
 * that logger's level; when it is off the cost is one level check per event. Thread-safe.
 */
final class PoolEvents {

    static final Logger LOG = LoggerFactory.getLogger("io.dbopt.pool.events");

    private final String poolName;

    PoolEvents(String poolName) {
        this.poolName = poolName;
    }

    boolean enabled() {
        return LOG.isDebugEnabled();
    }

    void created(TrackedConnection c) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} - create {}", poolName, c);
        }
    }

    void closed(TrackedConnection c, String reason) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} - evict {}{}", poolName, c, reason == null ? "" : ": " + reason);
        }
    }

    void checkout(PooledConnection c, PoolSnapshot s) {
        LOG.debug("{} - checkout {} by thread {} ({})", poolName, c.label(), c.borrower.getName(), s.describe());
    }

    void checkin(String label, long heldNanos) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} - return {}{}", poolName, label, heldNanos < 0 ? "" : " after " + heldNanos / 1_000 + " us");
        }
    }

    void resized(SizingDecision d) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} - resize {} -> {}: {}", poolName, d.from(), d.to(), d.explanation());
        }
    }
}
