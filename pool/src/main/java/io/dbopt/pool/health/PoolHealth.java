package io.dbopt.pool.health;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.pool.AcquireFailure;
import io.dbopt.pool.HealthReport;
import io.dbopt.pool.PoolConfig;
import io.dbopt.pool.PoolSnapshot;
import io.dbopt.pool.engine.ConnectionLifecycle;
import io.dbopt.pool.engine.LeakScanner;
import io.dbopt.pool.engine.ManagedPool;
import io.dbopt.pool.engine.PoolCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The pool's answer to {@code healthCheck()}, from what it knows in memory, never from the database: DOWN when it is
 * closed or cannot open a connection at all; DEGRADED when it is saturated (every connection lent and borrowers
 * waiting), borrowers timed out within the last minute, a borrow is held past the leak threshold, or the last
 * background check found connections the server dropped, transactions left idle, the cluster budget exceeded or could
 * not read the server; UP otherwise. Details carry the numbers in the seed's terms. Stateless; thread-safe.
 */
public final class PoolHealth {

    /** Within this long, a timeout or a failed acquisition counts as now. */
    static final Duration RECENT = Duration.ofMinutes(1);
    private static final Set<AcquireFailure> UNREACHABLE = EnumSet.of(AcquireFailure.DATABASE_UNREACHABLE,
            AcquireFailure.AUTHENTICATION_FAILED, AcquireFailure.SERVER_OUT_OF_CONNECTIONS);

    private final ManagedPool pool;
    private final PoolCounters counters;
    private final LeakScanner leaks;
    private final Optional<ConnectionLifecycle> connections;

    /**
     * The health of {@code pool}.
     *
     * @param connections the physical connections' book, empty for an adopted pool
     */
    public PoolHealth(ManagedPool pool, PoolCounters counters, LeakScanner leaks,
                      Optional<ConnectionLifecycle> connections) {
        this.pool = pool;
        this.counters = counters;
        this.leaks = leaks;
        this.connections = connections;
    }

    /** The health now, with the last background check's findings when it is recent. */
    public Health check(Optional<HealthReport> lastCheck) {
        PoolConfig config = pool.config();
        PoolSnapshot s = pool.snapshot();
        Health.Builder h = Health.builder("pool").detail("pool", config.poolName()).detail("size", s.size())
                .detail("checked_in", s.checkedIn()).detail("checked_out", s.checkedOut())
                .detail("overflow", s.overflow()).detail("pending", s.pending()).detail("max", s.max())
                .detail("acquire_p99", s.acquireTime().p99()).detail("timeouts", s.timeouts());
        DbObject object = DbObject.of(ObjectType.CONNECTION, config.poolName());
        if (pool.isClosed()) {
            return h.status(HealthStatus.DOWN).detail("error", "the pool is closed").build();
        }
        unreachable(s).ifPresent(why -> h.finding(Finding.builder("pool.database-unreachable", Severity.CRITICAL)
                .object(object).message("No connection is open and none can be opened: " + why)
                .evidence("total", s.total())
                .fix(Fix.advice("check that the database is up and reachable and the credentials are right; the "
                        + "pool refills on its own once it is"))
                .build()));
        if (s.pending() > 0 && s.checkedOut() >= s.max()) {
            h.finding(Finding.builder("pool.saturated", Severity.WARNING).object(object)
                    .message("All " + s.max() + " connections are lent and " + s.pending() + " borrower(s) wait")
                    .evidence("checked_out", s.checkedOut()).evidence("pending", s.pending()).evidence("max", s.max())
                    .fix(Fix.advice(config.adaptive() ? "adaptive sizing grows the pool while the database has "
                            + "headroom; otherwise shorten the time connections are held"
                            : "enable adaptive sizing or raise max_overflow if the database has headroom"))
                    .build());
        }
        if (counters.timedOutWithin(RECENT)) {
            h.finding(Finding.builder("pool.acquire-timeouts", Severity.WARNING).object(object)
                    .message("Borrowers timed out waiting for a connection within the last minute (" + s.timeouts()
                            + " since start)")
                    .evidence("timeouts", s.timeouts()).evidence("max", s.max())
                    .fix(Fix.advice("find slow or leaked borrowers, or let the pool grow"))
                    .build());
        }
        h.findings(PoolFindings.leaks(config, leaks.leaks()));
        lastCheck.filter(r -> isRecent(r, config)).ifPresent(r -> fromCheck(h, r, config, object));
        return h.build();
    }

    private Optional<String> unreachable(PoolSnapshot s) {
        if (s.total() > 0) {
            return Optional.empty();
        }
        Optional<String> background = connections.flatMap(ConnectionLifecycle::latestAttemptFailure)
                .map(ErrorKind::name).map(k -> "the latest attempt failed (" + k + ")");
        return background.or(() -> pool.recentFailure(RECENT).filter(UNREACHABLE::contains)
                .map(f -> "the latest borrow failed (" + f + ")"));
    }

    private static boolean isRecent(HealthReport r, PoolConfig config) {
        Duration interval = config.healthCheckInterval();
        Duration maxAge = interval.isZero() ? RECENT : interval.multipliedBy(2).plus(Duration.ofSeconds(5));
        return Duration.between(r.at(), Instant.now()).compareTo(maxAge) <= 0;
    }

    private static void fromCheck(Health.Builder h, HealthReport r, PoolConfig config, DbObject object) {
        h.detail("last_check", r.at());
        r.reconciliation().ifPresent(rec -> h.findings(PoolFindings.fromReconciliation(config, rec)));
        if (!r.serverFailure().isEmpty()) {
            h.finding(Finding.builder("pool.reconciliation-failed", Severity.WARNING).object(object)
                    .message("The last health check could not read the server's view of the pool: "
                            + r.serverFailure())
                    .fix(Fix.advice("check the monitor connection's access to pg_stat_activity / PROCESSLIST"))
                    .build());
        }
    }
}
