package io.dbopt.pool;

import com.zaxxer.hikari.HikariConfigMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on a pool's idle connections, run from the pool's own threads: resizing HikariCP (closing the idle
 * connections above a smaller maximum at once rather than after the idle timeout) and sweeping (borrowing every idle
 * connection once so HikariCP validates it, evicting the condemned and, after a connection loss, the ones that do
 * not answer). Borrows go straight to HikariCP and are not counted as demand. Stateless.
 */
final class IdleConnections {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPoolManager.class);
    private static final long INTERNAL_BORROW_MS = 50;

    private IdleConnections() {
    }

    /** Moves HikariCP's maximum; a smaller maximum closes idle connections above it at once. */
    static void resize(ManagedPool p, int newMax) {
        HikariConfigMXBean mx = p.hikari.getHikariConfigMXBean();
        int oldMax = mx.getMaximumPoolSize();
        if (newMax == oldMax) {
            return;
        }
        if (newMax > oldMax) {
            mx.setMaximumPoolSize(newMax);
            int waiting = p.hikariPool.getThreadsAwaitingConnection();
            for (int i = 0; i < Math.min(newMax - oldMax, waiting); i++) {
                p.hikariPool.addBagItem(waiting);
            }
        } else {
            mx.setMinimumIdle(Math.min(mx.getMinimumIdle(), newMax));
            mx.setMaximumPoolSize(newMax);
            evictExcessIdle(p);
        }
    }

    /** Closes idle connections while more are open than the maximum allows; returns how many. */
    static int evictExcessIdle(ManagedPool p) {
        List<Connection> taken = new ArrayList<>();
        try {
            int excess = p.hikariPool.getTotalConnections() - p.hikari.getMaximumPoolSize();
            while (taken.size() < excess && p.hikariPool.getIdleConnections() > 0) {
                taken.add(p.hikariPool.getConnection(INTERNAL_BORROW_MS));
            }
        } catch (SQLException e) {
            LOG.debug("{} - no more idle connections to close: {}", p.name, e.getMessage());
        }
        taken.forEach(p.hikari::evictConnection);
        return taken.size();
    }

    /**
     * Borrows every idle connection once and gives it back: HikariCP validates each (when idle for more than 500 ms)
     * and evicts the dead; connections dbopt condemned are evicted here. Returns how many were evicted.
     */
    static int sweep(ManagedPool p) throws SQLException {
        long evictionsBefore = p.counters.evictions.sum();
        int idle = p.hikariPool.getIdleConnections();
        List<Connection> taken = new ArrayList<>();
        SQLException failure = null;
        try {
            for (int i = 0; i < idle && p.hikariPool.getIdleConnections() > 0; i++) {
                taken.add(p.hikariPool.getConnection(INTERNAL_BORROW_MS));
            }
        } catch (SQLException e) {
            LOG.debug("{} - sweep stopped: {}", p.name, e.getMessage());
        }
        int evictedHere = 0;
        boolean probeAll = p.suspect;
        int seconds = p.validationSeconds();
        for (Connection c : taken) {
            try {
                TrackedConnection t = c.isWrapperFor(TrackedConnection.class) ? c.unwrap(TrackedConnection.class)
                        : null;
                if ((t != null && t.isMarkedDead()) || (probeAll && !ManagedPool.probe(c, seconds))) {
                    p.hikari.evictConnection(c);
                    evictedHere++;
                } else {
                    c.close();
                }
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (p.condemned && p.physical().stream().noneMatch(TrackedConnection::isMarkedDead)) {
            p.condemned = false;
        }
        if (probeAll) {
            p.suspect = false;
        }
        if (failure != null) {
            throw failure;
        }
        return p.factory != null ? (int) (p.counters.evictions.sum() - evictionsBefore) : evictedHere;
    }
}
