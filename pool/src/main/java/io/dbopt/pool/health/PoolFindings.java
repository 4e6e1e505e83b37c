package io.dbopt.pool.health;

import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.pool.LeakReport;
import io.dbopt.pool.PoolConfig;
import io.dbopt.pool.PoolSnapshot;
import io.dbopt.pool.Reconciliation;
import io.dbopt.pool.SizingAdvice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the pool knows into {@link Finding}s with {@code pool.*} check ids: leaks, connections the server
 * dropped, transactions left idle, a missing socket timeout, acquire timeouts, nested borrowing below the deadlock
 * bound, and a cluster budget exceeded. Used by the health check and the doctor. Stateless.
 */
public final class PoolFindings {

    private PoolFindings() {
    }

    /** Every finding: the configuration's and the counters', the leaks', and the reconciliation's when there is one. */
    public static List<Finding> forReport(PoolConfig config, PoolSnapshot s, Optional<Reconciliation> reconciliation,
                                          List<LeakReport> leaks) {
        List<Finding> findings = new ArrayList<>(configuration(config, s));
        findings.addAll(leaks(config, leaks));
        reconciliation.ifPresent(r -> findings.addAll(fromReconciliation(config, r)));
        return findings;
    }

    /** The finding about suspected leaks, if there are any. */
    public static List<Finding> leaks(PoolConfig config, List<LeakReport> leaks) {
        List<Finding> findings = new ArrayList<>();
        DbObject object = DbObject.of(ObjectType.CONNECTION, config.poolName());
        leaks.stream().max(Comparator.comparing(LeakReport::heldFor)).ifPresent(longest -> findings.add(Finding
                .builder("pool.leak-suspected", Severity.WARNING).object(object)
                .message(leaks.size() + " connection(s) held longer than the leak threshold of "
                        + config.leakThreshold().toMillis() + " ms; longest: " + longest.describe())
                .evidence("suspected_leaks", leaks.size())
                .evidence("longest_held_ms", longest.heldFor().toMillis())
                .evidence("stack", longest.stack().isEmpty() ? "" : longest.stack().get(0).toString())
                .fix(Fix.advice("close every connection in try-with-resources or use withConnection(...); the "
                        + "leak report (connectionHealth().leaks(), WARN log) has the stack"))
                .build()));
        return findings;
    }

    /** Findings from the configuration and counters alone. */
    public static List<Finding> configuration(PoolConfig config, PoolSnapshot s) {
        List<Finding> findings = new ArrayList<>();
        DbObject object = DbObject.of(ObjectType.CONNECTION, config.poolName());
        config.socketTimeout().filter(Duration::isZero).ifPresent(zero -> findings.add(Finding
                .builder("pool.socket-timeout-unset", Severity.WARNING).object(object)
                .message("The driver's socket timeout is 0: a server that stops answering (network partition, frozen "
                        + "host) hangs every borrower forever")
                .evidence("socket_timeout_ms", 0L)
                .fix(Fix.advice("set socket_timeout on the pool (or socketTimeout in the URL) to a few times the "
                        + "longest legitimate query"))
                .build()));
        if (s.timeouts() > 0) {
            findings.add(Finding.builder("pool.acquire-timeouts", Severity.WARNING).object(object)
                    .message(s.timeouts() + " borrower(s) timed out waiting for a connection since the pool started")
                    .evidence("timeouts", s.timeouts()).evidence("max", s.max())
                    .evidence("acquire_p99_ms", s.acquireTime().p99().toMillis())
                    .evidence("usage_p95_ms", s.usageTime().p95().toMillis())
                    .fix(Fix.advice(config.adaptive() ? "raise max_overflow if the database has headroom, or "
                            + "shorten the time connections are held" : "enable adaptive sizing or raise the pool "
                            + "size if the database has headroom; shorten the time connections are held"))
                    .build());
        }
        int perThread = s.peakPerThread();
        if (perThread > 1) {
            int threads = s.peakThreads();
            int bound = SizingAdvice.deadlockBound(threads, perThread);
            if (config.maxSize() < bound) {
                findings.add(Finding.builder("pool.nested-borrowing", Severity.WARNING).object(object)
                        .message("Threads hold up to " + perThread + " connections at once; with " + threads
                                + " threads the pool needs Tn*(Cm-1)+1 = " + bound + " connections to be deadlock-free "
                                + "but may have at most " + config.maxSize())
                        .evidence("threads", threads).evidence("connections_per_thread", perThread)
                        .evidence("deadlock_bound", bound).evidence("max_size", config.maxSize())
                        .fix(Fix.advice("pass the open connection down instead of borrowing a second one, or size "
                                + "pool_size + max_overflow to at least " + bound))
                        .build());
            }
        }
        return findings;
    }

    /** Findings from a reconciliation with the server: dropped connections, idle transactions, the budget. */
    public static List<Finding> fromReconciliation(PoolConfig config, Reconciliation r) {
        List<Finding> findings = new ArrayList<>();
        DbObject object = DbObject.of(ObjectType.CONNECTION, config.poolName());
        if (!r.droppedByServer().isEmpty()) {
            findings.add(Finding.builder("pool.dropped-by-server", Severity.WARNING).object(object)
                    .message(r.droppedByServer().size() + " pooled connection(s) no longer exist on the server "
                            + "(restart, administrator kill, server or firewall idle timeout); they were evicted")
                    .evidence("dropped", r.droppedByServer().size()).evidence("pool_total", r.poolTotal())
                    .fix(Fix.advice("set pool_recycle (and the idle timeout) below any server or firewall idle "
                            + "timeout so the pool retires connections before they are cut"))
                    .build());
        }
        for (Reconciliation.IdleTransaction t : r.idleInTransaction()) {
            if (t.lent()) {
                findings.add(Finding.builder("pool.idle-in-transaction", Severity.WARNING).object(object)
                        .message("Session " + t.sessionId() + t.holder().map(h -> " held by thread " + h).orElse("")
                                + " is idle inside a transaction for " + t.idleFor().toSeconds() + " s, holding "
                                + "locks while nobody works on it")
                        .evidence("session_id", t.sessionId()).evidence("idle_seconds", t.idleFor().toSeconds())
                        .evidence("transaction_seconds", t.transactionAge().toSeconds())
                        .fix(Fix.advice("commit or roll back before slow non-database work (use inTransaction(...) "
                                + "to scope it); the leak report names the borrower"))
                        .build());
            } else {
                findings.add(Finding.builder("pool.returned-in-transaction", Severity.ERROR).object(object)
                        .message("Session " + t.sessionId() + " sits idle in the pool with a transaction open for "
                                + t.idleFor().toSeconds() + " s: its locks are held until it is lent again")
                        .evidence("session_id", t.sessionId()).evidence("idle_seconds", t.idleFor().toSeconds())
                        .fix(Fix.advice("end transactions before closing the connection; check code that switches "
                                + "autocommit off through a driver-specific API"))
                        .build());
            }
        }
        int budget = config.clusterBudget();
        if (budget > 0 && r.serverSessions() > budget) {
            findings.add(Finding.builder("pool.over-budget", Severity.WARNING).object(object)
                    .message("All instances of " + r.application() + " hold " + r.serverSessions()
                            + " sessions, above the cluster budget of " + budget)
                    .evidence("sessions", r.serverSessions()).evidence("cluster_budget", budget)
                    .evidence("other_sessions", r.otherSessions())
                    .fix(Fix.advice("lower max_overflow on the instances, or enable adaptive sizing on all of them "
                            + "so they shrink to the budget"))
                    .build());
        }
        return findings;
    }
}
