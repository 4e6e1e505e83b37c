package io.dbopt.pool.engine;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.dbopt.pool.driver.TrackedConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on a pool's idle connections, run from the pool's own threads: resizing HikariCP (closing the idle
 * connections above a smaller maximum at once rather than after the idle timeout) and sweeping (borrowing every idle
 * connection once so HikariCP validates it, evicting the condemned and, when asked, the ones that do not answer).
 * Borrows go straight to HikariCP and are not counted as demand. Thread-safe.
 */
final class IdleConnections {

    private static final Logger LOG = LoggerFactory.getLogger(IdleConnections.class);
    private static final long INTERNAL_BORROW_MS = 50;

    private final String poolName;
    private final HikariDataSource hikari;
    private final HikariPool hikariPool;

    IdleConnections(String poolName, HikariDataSource hikari, HikariPool hikariPool) {
        this.poolName = poolName;
        this.hikari = hikari;
        this.hikariPool = hikariPool;
    }

    /** Moves HikariCP's maximum; a smaller maximum closes idle connections above it at once. */
    void resize(int newMax) {
        HikariConfigMXBean mx = hikari.getHikariConfigMXBean();
        int oldMax = mx.getMaximumPoolSize();
        if (newMax == oldMax) {
            return;
        }
        if (newMax > oldMax) {
            mx.setMaximumPoolSize(newMax);
            int waiting = hikariPool.getThreadsAwaitingConnection();
            for (int i = 0; i < Math.min(newMax - oldMax, waiting); i++) {
                hikariPool.addBagItem(waiting);
            }
        } else {
            mx.setMinimumIdle(Math.min(mx.getMinimumIdle(), newMax));
            mx.setMaximumPoolSize(newMax);
            evictExcessIdle();
        }
    }

    /** Closes idle connections while more are open than the maximum allows; returns how many. */
    private int evictExcessIdle() {
        List<Connection> taken = new ArrayList<>();
        try {
            int excess = hikariPool.getTotalConnections() - hikari.getMaximumPoolSize();
            while (taken.size() < excess && hikariPool.getIdleConnections() > 0) {
                taken.add(hikariPool.getConnection(INTERNAL_BORROW_MS));
            }
        } catch (SQLException e) {
            LOG.debug("{} - no more idle connections to close: {}", poolName, e.getMessage());
        }
        taken.forEach(hikari::evictConnection);
        return taken.size();
    }

    /**
     * Borrows every idle connection once and gives it back: HikariCP validates each (when idle for more than 500 ms)
     * and evicts the dead; condemned connections are evicted here, and with {@code probeAll} every one that does not
     * answer within {@code seconds}. Returns how many were evicted here.
     *
     * @throws SQLException the first failure to give a connection back, the others suppressed
     */
    int sweep(boolean probeAll, int seconds) throws SQLException {
        int idle = hikariPool.getIdleConnections();
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < idle && hikariPool.getIdleConnections() > 0; i++) {
                taken.add(hikariPool.getConnection(INTERNAL_BORROW_MS));
            }
        } catch (SQLException e) {
            LOG.debug("{} - sweep stopped: {}", poolName, e.getMessage());
        }
        int evicted = 0;
        SQLException failure = null;
        for (Connection c : taken) {
            try {
                TrackedConnection t = c.isWrapperFor(TrackedConnection.class) ? c.unwrap(TrackedConnection.class)
                        : null;
                if ((t != null && t.isMarkedDead()) || (probeAll && !probe(c, seconds))) {
                    hikari.evictConnection(c);
                    evicted++;
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
        if (failure != null) {
            throw failure;
        }
        return evicted;
    }

    /** Whether the server answers on HikariCP's proxy within {@code seconds}, whatever {@code pre_ping} says. */
    static boolean probe(Connection hikariProxy, int seconds) {
        try {
            if (hikariProxy.isWrapperFor(TrackedConnection.class)) {
                return hikariProxy.unwrap(TrackedConnection.class).probe(seconds);
            }
            return hikariProxy.isValid(seconds);
        } catch (SQLException e) {
            return false;
        }
    }
}
