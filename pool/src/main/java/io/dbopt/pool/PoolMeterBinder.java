package io.dbopt.pool;

import io.dbopt.pool.SizingDecision.Action;
import io.dbopt.pool.SizingDecision.Reason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a pool's metrics to Micrometer: connection gauges, acquire and usage timers (with percentiles), event
 * counters, adaptive sizing decisions and per-tenant meters, named in {@link PoolMeters} and tagged with the pool
 * name (low cardinality: tenants beyond the tracked ones share the tag {@code other}).
 *
 * <pre>{@code
 * PoolMeterBinder binder = PoolMeterBinder.of(manager);
 * binder.bindTo(meterRegistry);
 * }</pre>
 *
 * Micrometer is an optional dependency of dbopt-pool: only this class touches it. Bind to one registry at a time;
 * {@link #close()} removes the meters. Thread-safe.
 */
public final class PoolMeterBinder implements MeterBinder, AutoCloseable {

    private final ConnectionPoolManager manager;
    private final ManagedPool pool;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private volatile MeterRegistry registry;
    private volatile PoolCounters.Sink sink;

    private PoolMeterBinder(ConnectionPoolManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.pool = manager.pool();
    }

    /** A binder for the manager's pool. */
    public static PoolMeterBinder of(ConnectionPoolManager manager) {
        return new PoolMeterBinder(manager);
    }

    @Override
    public synchronized void bindTo(MeterRegistry meterRegistry) {
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        if (registry != null) {
            throw new IllegalStateException(pool.name + " - this binder is already bound; close() it first or "
                    + "create another binder");
        }
        registry = meterRegistry;
        Tags tags = Tags.of("pool", pool.name);
        gauge(PoolMeters.CONNECTIONS, "Connections by state", tags.and("state", "active"),
                p -> p.hikariPool.getActiveConnections());
        gauge(PoolMeters.CONNECTIONS, "Connections by state", tags.and("state", "idle"),
                p -> p.hikariPool.getIdleConnections());
        gauge(PoolMeters.CONNECTIONS, "Connections by state", tags.and("state", "pending"),
                p -> p.hikariPool.getThreadsAwaitingConnection());
        gauge(PoolMeters.CONNECTIONS, "Connections by state", tags.and("state", "total"),
                p -> p.hikariPool.getTotalConnections());
        gauge(PoolMeters.MAX, "The pool's current maximum", tags, ManagedPool::currentMax);
        gauge(PoolMeters.MIN, "The pool's core size (pool_size)", tags, p -> p.config.poolSize());
        counter(PoolMeters.TIMEOUTS, "Acquisitions that timed out", tags, p -> p.counters.timeouts.sum());
        counter(PoolMeters.CREATED, "Connections opened", tags, p -> p.counters.creations.sum());
        counter(PoolMeters.EVICTED, "Connections closed by the pool", tags, p -> p.counters.evictions.sum());
        counter(PoolMeters.LEAKS, "Borrows past the leak threshold", tags, p -> p.counters.leaksSuspected.sum());
        counter(PoolMeters.RESIZES, "Adaptive resizes", tags.and("direction", "grow"), p -> p.counters.grows.sum());
        counter(PoolMeters.RESIZES, "Adaptive resizes", tags.and("direction", "shrink"),
                p -> p.counters.shrinks.sum());
        Timer acquire = register(Timer.builder(PoolMeters.ACQUIRE).description("Time waited for a connection")
                .tags(tags).publishPercentiles(0.5, 0.95, 0.99).register(meterRegistry));
        Timer usage = register(Timer.builder(PoolMeters.USAGE).description("Time a connection was held")
                .tags(tags).publishPercentiles(0.5, 0.95, 0.99).register(meterRegistry));
        PoolCounters.Sink s = new PoolCounters.Sink() {
            @Override
            public void acquired(long nanos) {
                acquire.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void used(long nanos) {
                usage.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
        sink = s;
        pool.counters.subscribe(s);
        manager.sizer().ifPresent(sizer -> bindDecisions(sizer, tags));
        manager.tenants().ifPresent(tenants -> {
            java.util.Set<String> known = new java.util.LinkedHashSet<>(tenants.policy().limits().keySet());
            known.addAll(tenants.stats().keySet());
            known.forEach(tag -> bindTenant(tenants, tag, tags));
            tenants.onNewTag(tag -> bindTenant(tenants, tag, tags));
        });
    }

    private void bindDecisions(AdaptivePoolSizer sizer, Tags tags) {
        for (Action action : Action.values()) {
            for (Reason reason : Reason.values()) {
                register(FunctionCounter.builder(PoolMeters.DECISIONS, sizer, z -> z.decisions(action, reason))
                        .description("Adaptive sizing decisions")
                        .tags(tags.and("action", action.name().toLowerCase(Locale.ROOT),
                                "reason", reason.name().toLowerCase(Locale.ROOT)))
                        .register(registry));
            }
        }
    }

    private synchronized void bindTenant(TenantBulkheads tenants, String tag, Tags tags) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        Tags t = tags.and("tenant", tag);
        register(Gauge.builder(PoolMeters.TENANT_CONNECTIONS, tenants, b -> b.tagInUse(tag))
                .description("Connections the tenant holds").tags(t).strongReference(true).register(r));
        register(FunctionCounter.builder(PoolMeters.TENANT_ACQUIRED, tenants, b -> b.tagAcquired(tag))
                .description("Connections lent to the tenant").tags(t).register(r));
        register(FunctionCounter.builder(PoolMeters.TENANT_REJECTED, tenants, b -> b.tagRejected(tag))
                .description("Requests refused at the tenant's limit").tags(t).register(r));
    }

    private void gauge(String name, String description, Tags tags, ToDoubleFunction<ManagedPool> value) {
        register(Gauge.builder(name, pool, value).description(description).baseUnit("connections").tags(tags)
                .strongReference(true).register(registry));
    }

    private void counter(String name, String description, Tags tags, ToDoubleFunction<ManagedPool> value) {
        register(FunctionCounter.builder(name, pool, value).description(description).tags(tags).register(registry));
    }

    private <M extends Meter> M register(M meter) {
        meters.add(meter);
        return meter;
    }

    /** Removes this binder's meters from the registry and stops recording timers. */
    @Override
    public synchronized void close() {
        PoolCounters.Sink s = sink;
        if (s != null) {
            pool.counters.unsubscribe(s);
            sink = null;
        }
        MeterRegistry r = registry;
        if (r != null) {
            meters.forEach(r::remove);
        }
        meters.clear();
        registry = null;
    }
}
