package io.dbopt.health.check;

import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an attached application component (a dbopt pool, the query profiler, the query cache) generically: its own
 * {@code healthCheck()} and, when its {@code metrics().values()} describe a pool, whether the pool is saturated.
 * A pool is recognised by three numbers: connections in use ({@code checked_out} or {@code active}), its capacity
 * ({@code max_size} or {@code max}) and callers waiting ({@code waiting} or {@code pending}). Every connection in
 * use with callers waiting is "pool saturated" (DEGRADED, ERROR finding); in use at or above the busy share is a
 * WARNING. A component that judges its own load (a dbopt pool reports {@code pool.saturated} itself) keeps its own
 * findings and gets the numbers only. The database's own health is answered elsewhere: a saturated pool never makes
 * the database DOWN.
 */
public final class ComponentHealth {

    private static final List<String> IN_USE = List.of("checked_out", "active");
    private static final List<String> CAPACITY = List.of("max_size", "max");
    private static final List<String> WAITING = List.of("waiting", "pending");

    private ComponentHealth() {
    }

    /**
     * How busy a pool is.
     *
     * @param inUse connections checked out
     * @param capacity the most it may hold
     * @param waiting callers waiting for a connection
     */
    public record PoolLoad(long inUse, long capacity, long waiting) {

        /** Checked out against capacity, 0 to 1 (more when a pool over-commits). */
        public double busyRatio() {
            return capacity <= 0 ? 0 : (double) inUse / capacity;
        }

        /** Every connection in use and callers waiting. */
        public boolean saturated() {
            return waiting > 0 && inUse >= capacity;
        }
    }

    /** The pool load the values describe, if they describe a pool. */
    public static Optional<PoolLoad> poolLoad(Map<String, Number> values) {
        Optional<Number> inUse = first(values, IN_USE);
        Optional<Number> capacity = first(values, CAPACITY);
        Optional<Number> waiting = first(values, WAITING);
        if (inUse.isEmpty() || capacity.isEmpty() || waiting.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PoolLoad(inUse.get().longValue(), capacity.get().longValue(),
                waiting.get().longValue()));
    }

    /**
     * The component's health as a part of the monitor's answer: its own result, plus the pool's load when its values
     * describe a pool.
     *
     * @param name the component's name
     * @param own what its {@code healthCheck()} answered
     * @param values its {@code metrics().values()}
     * @param busyWarn the share of capacity in use that warns
     */
    public static Health evaluate(String name, Health own, Map<String, Number> values, double busyWarn) {
        Health.Builder b = Health.builder(name).status(own.status()).checkedAt(own.checkedAt());
        own.details().forEach(b::detail);
        b.findings(own.findings());
        own.components().values().forEach(b::component);
        poolLoad(values).ifPresent(load -> {
            b.detail("in_use", load.inUse()).detail("capacity", load.capacity()).detail("waiting", load.waiting())
                    .detail("busy_ratio", load.busyRatio()).detail("saturated", load.saturated());
            DbObject pool = DbObject.of(ObjectType.CONNECTION, "pool " + name);
            if (own.status() != HealthStatus.UP) {
                return; // the component judged its own load (a dbopt pool reports pool.saturated): keep its findings
            }
            if (load.saturated()) {
                b.finding(Finding.builder("health.pool-saturated", Severity.ERROR).object(pool)
                        .message("Application pool " + name + " is saturated: all " + load.capacity()
                                + " connections are checked out and " + load.waiting() + " caller(s) wait (the "
                                + "database itself is answered separately)")
                        .evidence("in_use", load.inUse()).evidence("capacity", load.capacity())
                        .evidence("waiting", load.waiting())
                        .fix(Fix.advice("find who holds connections (leak reports, long transactions) before "
                                + "raising the pool size: a bigger pool moves the queue into the database"))
                        .build());
            } else if (load.busyRatio() >= busyWarn) {
                b.finding(Finding.builder("health.pool-busy", Severity.WARNING).object(pool)
                        .message("Application pool " + name + " has " + load.inUse() + " of " + load.capacity()
                                + " connections checked out (" + CheckSupport.percent(load.busyRatio()) + ")")
                        .evidence("in_use", load.inUse()).evidence("capacity", load.capacity())
                        .evidence("busy_ratio", load.busyRatio())
                        .fix(Fix.advice("watch acquire times; shorten transactions before growing the pool"))
                        .build());
            }
        });
        return b.build();
    }

    /** The part reported when a component did not answer its health check in time or threw. */
    public static Health unanswered(String name, String why) {
        return Health.builder(name).status(HealthStatus.DEGRADED).detail("error", why)
                .build();
    }

    private static Optional<Number> first(Map<String, Number> values, List<String> names) {
        for (String n : names) {
            Number v = values.get(n);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
