package io.dbopt.pool.tenant;

import io.dbopt.core.metrics.LatencyHistogram;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.pool.PoolMeters;
import io.dbopt.pool.TenantBulkheads;
import io.dbopt.pool.TenantPolicy;
import io.dbopt.pool.engine.AcquireErrors;
import io.dbopt.pool.engine.ManagedPool;
import io.dbopt.pool.engine.PoolDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The pool's {@link TenantBulkheads}: a {@link Bulkhead} per tenant with a connection held or requested, taken
 * before the pool is asked (so a tenant at its limit waits on its own limit, never in front of other tenants) and
 * given back when the connection is returned. Counters and meters are kept per tag (tracked tenants and
 * {@link TenantPolicy#OTHER}); the meters of a tag are registered when the tag first appears. Thread-safe.
 */
public final class TenantGate implements TenantBulkheads {

    private final ManagedPool pool;
    private final TenantPolicy policy;
    private final MetricsRecorder recorder;
    private final ConcurrentHashMap<String, Bulkhead> active = new ConcurrentHashMap<>();
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, TagCounters> byTag = new ConcurrentHashMap<>();
    private final AtomicInteger trackedCount = new AtomicInteger();

    /** Bulkheads on {@code pool} with this policy; tenant meters are recorded through {@code recorder}. */
    public TenantGate(ManagedPool pool, TenantPolicy policy, MetricsRecorder recorder) {
        this.pool = pool;
        this.policy = policy;
        this.recorder = recorder;
        tracked.addAll(policy.limits().keySet());
        policy.limits().keySet().forEach(this::counters);
        counters(TenantPolicy.OTHER);
    }

    @Override
    public TenantPolicy policy() {
        return policy;
    }

    @Override
    public DataSource dataSource(String tenant) {
        TenantPolicy.validateTenant(tenant);
        return PoolDataSource.forTenant(pool, tenant, () -> acquire(tenant));
    }

    @Override
    public int limit(String tenant) {
        TenantPolicy.validateTenant(tenant);
        return policy.limitFor(tenant, pool.currentMax());
    }

    @Override
    public int inUse(String tenant) {
        Bulkhead b = active.get(tenant);
        return b == null ? 0 : b.inUse();
    }

    @Override
    public Map<String, TenantStats> stats() {
        Map<String, TenantStats> result = new LinkedHashMap<>();
        byTag.forEach((tag, c) -> result.put(tag, c.stats(tag)));
        return result;
    }

    /** Borrows for {@code tenant}: takes the tenant's permit (waiting at most its wait), then a connection. */
    private Connection acquire(String tenant) throws SQLException {
        Bulkhead b = enter(tenant);
        long start = System.nanoTime();
        boolean permitted = false;
        try {
            int heldWhenRejected;
            try {
                heldWhenRejected = b.tryAcquire(Bulkhead.nanos(policy.maxWait()));
                permitted = heldWhenRejected == Bulkhead.ACQUIRED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AcquireErrors.tenantInterrupted(pool.snapshot(), tenant, e);
            }
            TagCounters tc = counters(b.tag);
            if (!permitted) {
                tc.rejected.increment();
                tc.rejectedMeter.increment();
                throw AcquireErrors.tenantLimit(pool.snapshot(), tenant, heldWhenRejected, b.limit(),
                        System.nanoTime() - start);
            }
            Connection c = pool.acquire(b);
            tc.acquired.increment();
            tc.acquiredMeter.increment();
            tc.inUse.incrementAndGet();
            tc.waitTime.record(System.nanoTime() - start);
            return c;
        } catch (SQLException | RuntimeException | Error e) {
            if (permitted) {
                b.giveBack();
            }
            leave(b);
            throw e;
        }
    }

    /** Called when a tenant's connection is returned. */
    private void returned(Bulkhead b) {
        counters(b.tag).inUse.decrementAndGet();
        leave(b);
    }

    private Bulkhead enter(String tenant) {
        return active.compute(tenant, (k, existing) -> {
            Bulkhead b = existing != null ? existing
                    : new Bulkhead(k, tagFor(k), () -> policy.limitFor(k, pool.currentMax()), this::returned);
            b.users++;
            return b;
        });
    }

    private void leave(Bulkhead b) {
        active.computeIfPresent(b.tenant, (k, existing) -> existing == b && --existing.users == 0 ? null : existing);
    }

    private String tagFor(String tenant) {
        if (tracked.contains(tenant)) {
            return tenant;
        }
        if (trackedCount.get() < policy.trackedTenants() && trackedCount.incrementAndGet() <= policy.trackedTenants()) {
            tracked.add(tenant);
            return tenant;
        }
        return TenantPolicy.OTHER;
    }

    private TagCounters counters(String tag) {
        return byTag.computeIfAbsent(tag, t -> new TagCounters(recorder, pool.name(), t));
    }

    /** Counters and meters of one metric tag. */
    private static final class TagCounters {
        final LongAdder acquired = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final AtomicInteger inUse = new AtomicInteger();
        final LatencyHistogram waitTime = new LatencyHistogram();
        final MetricsRecorder.Counter acquiredMeter;
        final MetricsRecorder.Counter rejectedMeter;

        TagCounters(MetricsRecorder recorder, String pool, String tag) {
            recorder.gauge(PoolMeters.TENANT_CONNECTIONS, "Connections the tenant holds", "connections", inUse::get,
                    "pool", pool, "tenant", tag);
            acquiredMeter = recorder.counter(PoolMeters.TENANT_ACQUIRED, "Connections lent to the tenant", "pool",
                    pool, "tenant", tag);
            rejectedMeter = recorder.counter(PoolMeters.TENANT_REJECTED, "Requests refused at the tenant's limit",
                    "pool", pool, "tenant", tag);
        }

        TenantStats stats(String tag) {
            return new TenantStats(tag, inUse.get(), acquired.sum(), rejected.sum(),
                    waitTime.snapshot().percentiles());
        }
    }
}
