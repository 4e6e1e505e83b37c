package io.dbopt.pool;

import io.dbopt.core.Redaction;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pool honest: validates idle connections and evicts the dead, reconciles the pool's view with the
 * server's (connections the pool counts but the server dropped are condemned and evicted before they are lent
 * again; sessions idle inside a transaction are named with their holder), and reports borrows held past the leak
 * threshold with a stack trace.
 *
 * <p>Obtained from {@link ConnectionPoolManager#healthCheck()}. The pool runs {@link #check()} every
 * {@link PoolConfig#healthCheckInterval()} and logs its findings at WARN; callers may run it at any time. Server
 * reads and validation run on the pool's server-monitor thread, each bounded by a timeout, so a check never hangs.
 * Thread-safe.
 */
public final class ConnectionHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHealthCheck.class);

    private final ManagedPool pool;
    private final ServerMonitor server;
    private volatile HealthReport last;

    ConnectionHealthCheck(ManagedPool pool, ServerMonitor server) {
        this.pool = pool;
        this.server = server;
    }

    /**
     * Sessions idle inside a transaction at least this long are reported: the leak threshold, capped at 30 s and at
     * least 1 s (the servers report whole seconds).
     */
    long idleInTransactionSeconds() {
        long leak = pool.config.leakThreshold().toSeconds();
        return Math.max(1, leak == 0 ? 30 : Math.min(30, leak));
    }

    /**
     * Reconciles with the server, evicts dropped and dead connections, lists leaks and derives findings. When the
     * server cannot be read the report says why and the rest still runs.
     */
    public HealthReport check() {
        Optional<Reconciliation> reconciliation;
        String failure = "";
        int evicted = 0;
        try {
            Reconciliation r = reconcile();
            reconciliation = Optional.of(r);
            evicted += r.droppedByServer().size();
        } catch (PoolException e) {
            reconciliation = Optional.empty();
            failure = e.getMessage();
        }
        try {
            int swept = validateIdle();
            evicted = Math.max(evicted, swept);
        } catch (PoolException e) {
            failure = failure.isEmpty() ? e.getMessage() : failure;
        }
        List<LeakReport> leaks = pool.scanLeaks();
        PoolSnapshot snapshot = pool.snapshot();
        HealthReport report = new HealthReport(Instant.now(), snapshot, reconciliation, failure, evicted, leaks,
                PoolFindings.forReport(pool, snapshot, reconciliation, leaks));
        last = report;
        return report;
    }

    /** The last report, once a check has run. */
    public Optional<HealthReport> lastReport() {
        return Optional.ofNullable(last);
    }

    /** Borrows held past the leak threshold now (empty when the threshold is zero), without logging. */
    public List<LeakReport> leaks() {
        long threshold = pool.config.leakThreshold().toNanos();
        if (threshold <= 0) {
            return List.of();
        }
        long now = System.nanoTime();
        List<LeakReport> leaks = new ArrayList<>();
        for (PooledConnection c : pool.registry.borrowed()) {
            long age = c.ageNanos(now);
            if (age > threshold) {
                leaks.add(LeakReport.of(c, age));
            }
        }
        return leaks;
    }

    /**
     * Reads the server's sessions of this application and sets them against the pool's connections. Connections the
     * server no longer has are condemned: HikariCP evicts them instead of lending them, and the next validation sweep
     * closes the idle ones at once.
     *
     * @throws PoolException with {@link PoolErrorCode#DATABASE_UNREACHABLE} when the server cannot be read
     */
    public Reconciliation reconcile() {
        try {
            return server.call(this::reconcileOnMonitorThread);
        } catch (SQLException e) {
            throw new PoolException(PoolErrorCode.DATABASE_UNREACHABLE, pool.name + " - cannot read the server's "
                    + "sessions to reconcile the pool: " + Redaction.redactText(e.getMessage()), e, pool.snapshot());
        }
    }

    /**
     * Borrows every idle connection once and gives it back, so each is validated (when idle for more than 500 ms and
     * {@code pre_ping} is on) and the dead and condemned are evicted; returns how many were evicted.
     */
    public int validateIdle() {
        try {
            int evicted = server.call(pool::sweepIdle);
            if (evicted > 0) {
                LOG.info("{} - evicted {} dead or dropped connection(s) from the pool", pool.name, evicted);
            }
            return evicted;
        } catch (SQLException e) {
            throw new PoolException(PoolErrorCode.DATABASE_UNREACHABLE, pool.name + " - validating idle connections "
                    + "failed: " + Redaction.redactText(e.getMessage()), e, pool.snapshot());
        }
    }

    private Reconciliation reconcileOnMonitorThread() throws SQLException {
        long start = System.nanoTime();
        List<TrackedConnection> physical = pool.physical();
        ServerView.Identity identity = server.identify();
        ServerView.Snapshot view = server.readNow();
        PoolSnapshot s = pool.snapshot();
        Map<Long, ServerView.Session> byId = new HashMap<>();
        view.sessions().forEach(session -> byId.put(session.id(), session));
        Map<Long, PooledConnection> lent = new HashMap<>();
        for (PooledConnection c : pool.registry.borrowed()) {
            TrackedConnection t = c.physical();
            if (t != null) {
                lent.put(t.sessionId, c);
            }
        }
        boolean idsKnown = pool.factory != null && physical.stream().allMatch(t -> t.sessionId != SessionIds.UNKNOWN);
        List<Long> dropped = new ArrayList<>();
        List<Reconciliation.IdleTransaction> idle = new ArrayList<>();
        int own = 0;
        int ownActive = 0;
        for (TrackedConnection t : physical) {
            if (t.sessionId == SessionIds.UNKNOWN || t.createdNanos - start > 0 || t.isPhysicallyClosed()
                    || t.isMarkedDead()) {
                continue;
            }
            ServerView.Session session = byId.get(t.sessionId);
            if (session == null) {
                dropped.add(t.sessionId);
                pool.condemn(t, "the server no longer has session " + t.sessionId);
                continue;
            }
            own++;
            if (session.state().equals("active")) {
                ownActive++;
            }
            if (session.idleInTransaction() && session.stateSeconds() >= idleInTransactionSeconds()) {
                PooledConnection holder = lent.get(t.sessionId);
                idle.add(idleTransaction(session, holder != null, holder));
            }
        }
        if (!idsKnown) {
            for (ServerView.Session session : view.sessions()) {
                if (session.idleInTransaction() && session.stateSeconds() >= idleInTransactionSeconds()) {
                    idle.add(idleTransaction(session, true, null));
                }
            }
        }
        if (!dropped.isEmpty()) {
            LOG.warn("{} - the server dropped {} pooled connection(s) (sessions {}): they are evicted before being "
                    + "lent again", pool.name, dropped.size(), dropped);
        }
        return new Reconciliation(view.at(), identity.display(), s.total(), s.active(), idsKnown,
                view.sessions().size(), idsKnown ? own : -1, idsKnown ? ownActive : -1, dropped, idle);
    }

    private static Reconciliation.IdleTransaction idleTransaction(ServerView.Session session, boolean lent,
                                                                  PooledConnection holder) {
        return new Reconciliation.IdleTransaction(session.id(), Duration.ofSeconds(session.stateSeconds()),
                Duration.ofSeconds(Math.max(0, session.transactionSeconds())), lent,
                Optional.ofNullable(holder).map(h -> h.borrower.getName()));
    }
}
