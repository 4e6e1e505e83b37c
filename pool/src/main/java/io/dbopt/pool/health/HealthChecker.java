package io.dbopt.pool.health;

import io.dbopt.core.Redaction;
import io.dbopt.pool.ConnectionHealthCheck;
import io.dbopt.pool.HealthReport;
import io.dbopt.pool.LeakReport;
import io.dbopt.pool.PoolErrorCode;
import io.dbopt.pool.PoolException;
import io.dbopt.pool.PoolSnapshot;
import io.dbopt.pool.Reconciliation;
import io.dbopt.pool.engine.LeakScanner;
import io.dbopt.pool.engine.ManagedPool;
import io.dbopt.pool.driver.TrackedConnection;
import io.dbopt.pool.server.ServerMonitor;
import io.dbopt.pool.server.ServerView;
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
 * The pool's {@link ConnectionHealthCheck}: reconciliation with the server (on the server monitor's thread and
 * connection), validation of idle connections, leak reports, findings. Thread-safe.
 */
public final class HealthChecker implements ConnectionHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    private final ManagedPool pool;
    private final ServerMonitor server;
    private final LeakScanner leaks;
    private volatile HealthReport last;

    /** The health check of {@code pool}. */
    public HealthChecker(ManagedPool pool, ServerMonitor server, LeakScanner leaks) {
        this.pool = pool;
        this.server = server;
        this.leaks = leaks;
    }

    /**
     * Sessions idle inside a transaction at least this long are reported: the leak threshold, capped at 30 s and at
     * least 1 s (the servers report whole seconds).
     */
    private long idleInTransactionSeconds() {
        long leak = pool.config().leakThreshold().toSeconds();
        return Math.max(1, leak == 0 ? 30 : Math.min(30, leak));
    }

    @Override
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
        if (pool.sweepNeeded()) {
            try {
                int swept = validateIdle();
                evicted = Math.max(evicted, swept);
            } catch (PoolException e) {
                failure = failure.isEmpty() ? e.getMessage() : failure;
            }
        }
        List<LeakReport> found = leaks.scan();
        PoolSnapshot snapshot = pool.snapshot();
        HealthReport report = new HealthReport(Instant.now(), snapshot, reconciliation, failure, evicted, found,
                PoolFindings.forReport(pool.config(), snapshot, reconciliation, found));
        last = report;
        return report;
    }

    @Override
    public Optional<HealthReport> lastReport() {
        return Optional.ofNullable(last);
    }

    @Override
    public List<LeakReport> leaks() {
        return leaks.leaks();
    }

    @Override
    public Reconciliation reconcile() {
        try {
            return server.call(this::reconcileOnMonitorThread);
        } catch (SQLException e) {
            throw new PoolException(PoolErrorCode.DATABASE_UNREACHABLE, pool.name() + " - cannot read the server's "
                    + "sessions to reconcile the pool: " + Redaction.redactDriverText(e), e, pool.snapshot());
        }
    }

    @Override
    public int validateIdle() {
        try {
            int evicted = server.call(pool::sweepIdle);
            if (evicted > 0) {
                LOG.info("{} - evicted {} dead or dropped connection(s) from the pool", pool.name(), evicted);
            }
            return evicted;
        } catch (SQLException e) {
            throw new PoolException(PoolErrorCode.DATABASE_UNREACHABLE, pool.name() + " - validating idle connections "
                    + "failed: " + Redaction.redactDriverText(e), e, pool.snapshot());
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
        boolean idsKnown = pool.ownsConnections() && physical.stream().allMatch(TrackedConnection::sessionKnown);
        List<Long> dropped = new ArrayList<>();
        List<Reconciliation.IdleTransaction> idle = new ArrayList<>();
        int own = 0;
        int ownActive = 0;
        for (TrackedConnection t : physical) {
            if (!t.sessionKnown() || t.createdNanos() - start > 0 || t.isPhysicallyClosed() || t.isMarkedDead()) {
                continue;
            }
            ServerView.Session session = byId.get(t.sessionId());
            if (session == null) {
                dropped.add(t.sessionId());
                pool.condemn(t, "the server no longer has session " + t.sessionId());
                continue;
            }
            own++;
            if (session.state().equals("active")) {
                ownActive++;
            }
            if (session.idleInTransaction() && session.stateSeconds() >= idleInTransactionSeconds()) {
                Thread holder = t.lease().borrower();
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
                    + "lent again", pool.name(), dropped.size(), dropped);
        }
        return new Reconciliation(view.at(), identity.display(), s.total(), s.checkedOut(), idsKnown,
                view.sessions().size(), idsKnown ? own : -1, idsKnown ? ownActive : -1, dropped, idle);
    }

    private static Reconciliation.IdleTransaction idleTransaction(ServerView.Session session, boolean lent,
                                                                  Thread holder) {
        return new Reconciliation.IdleTransaction(session.id(), Duration.ofSeconds(session.stateSeconds()),
                Duration.ofSeconds(Math.max(0, session.transactionSeconds())), lent,
                Optional.ofNullable(holder).map(Thread::getName));
    }
}
