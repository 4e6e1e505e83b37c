package io.dbopt.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Per-tenant limits on the one shared pool, so a noisy tenant cannot starve the others: each tenant may hold at
 * most its limit ({@link TenantPolicy}) of the pool's current maximum, and a tenant at its limit waits at most
 * {@link TenantPolicy#maxWait()} for one of its own connections before a
 * {@link AcquireFailure#TENANT_LIMIT_EXCEEDED} error. A tenant waits on its own limit before it queues for the pool,
 * so a flood from one tenant queues behind that tenant's limit, not in front of other tenants.
 *
 * <p>Metrics are kept per tag, never per unbounded tenant id: explicitly limited tenants and the first
 * {@link TenantPolicy#trackedTenants()} seen get their own tag, the rest share {@link TenantPolicy#OTHER}. The state
 * of tenants with no connection held or requested is dropped. Obtained from {@link ConnectionPoolManager#tenants()}.
 * Thread-safe.
 */
public final class TenantBulkheads {

    private final ManagedPool pool;
    private final TenantPolicy policy;
    private final ConcurrentHashMap<String, Bulkhead> active = new ConcurrentHashMap<>();
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, TagCounters> byTag = new ConcurrentHashMap<>();
    private final AtomicInteger trackedCount = new AtomicInteger();
    private final List<Consumer<String>> tagListeners = new CopyOnWriteArrayList<>();

    TenantBulkheads(ManagedPool pool, TenantPolicy policy) {
        this.pool = pool;
        this.policy = policy;
        policy.limits().keySet().forEach(tracked::add);
        byTag.put(TenantPolicy.OTHER, new TagCounters());
    }

    /** The policy in force. */
    public TenantPolicy policy() {
        return policy;
    }

    /** A data source whose connections count against the tenant's limit. */
    public DataSource dataSource(String tenant) {
        TenantPolicy.validateTenant(tenant);
        return new PoolDataSource(pool, this, tenant);
    }

    /** The tenant's limit at the pool's current maximum. */
    public int limit(String tenant) {
        TenantPolicy.validateTenant(tenant);
        return policy.limitFor(tenant, pool.currentMax());
    }

    /** How many connections the tenant holds now. */
    public int inUse(String tenant) {
        Bulkhead b = active.get(tenant);
        return b == null ? 0 : b.inUse();
    }

    /** Counters per metric tag (tracked tenants and {@code other}). */
    public Map<String, TenantStats> stats() {
        Map<String, TenantStats> result = new LinkedHashMap<>();
        byTag.forEach((tag, c) -> result.put(tag, c.stats(tag)));
        return result;
    }

    Connection acquire(String tenant) throws SQLException {
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
                throw new PoolAcquireException(AcquireFailure.INTERRUPTED, pool.name + " - interrupted while tenant '"
                        + tenant + "' waited for its share", pool.snapshot(), null, 0, e);
            }
            if (!permitted) {
                counters(b).rejected.increment();
                throw AcquireErrors.tenantLimit(pool, b, heldWhenRejected, System.nanoTime() - start);
            }
            Connection c = pool.acquire(b);
            TagCounters tc = counters(b);
            tc.acquired.increment();
            tc.inUse.incrementAndGet();
            tc.waitTime.record(System.nanoTime() - start);
            return c;
        } catch (SQLException | RuntimeException | Error e) {
            if (permitted) {
                b.release();
            }
            leave(b);
            throw e;
        }
    }

    /** Called when a tenant's connection is returned. */
    void released(Bulkhead b) {
        counters(b).inUse.decrementAndGet();
        leave(b);
    }

    private Bulkhead enter(String tenant) {
        return active.compute(tenant, (k, existing) -> {
            Bulkhead b = existing != null ? existing
                    : new Bulkhead(k, tagFor(k), () -> policy.limitFor(k, pool.currentMax()), this);
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
        if (trackedCount.get() < policy.trackedTenants()) {
            if (trackedCount.incrementAndGet() <= policy.trackedTenants()) {
                tracked.add(tenant);
                return tenant;
            }
        }
        return TenantPolicy.OTHER;
    }

    private TagCounters counters(Bulkhead b) {
        TagCounters c = byTag.get(b.tag);
        if (c != null) {
            return c;
        }
        TagCounters created = new TagCounters();
        TagCounters raced = byTag.putIfAbsent(b.tag, created);
        if (raced != null) {
            return raced;
        }
        tagListeners.forEach(l -> l.accept(b.tag));
        return created;
    }

    /** Tells {@code listener} about every metric tag created from now on (meter binders register meters). */
    void onNewTag(Consumer<String> listener) {
        tagListeners.add(listener);
    }

    int tagInUse(String tag) {
        TagCounters c = byTag.get(tag);
        return c == null ? 0 : c.inUse.get();
    }

    long tagAcquired(String tag) {
        TagCounters c = byTag.get(tag);
        return c == null ? 0 : c.acquired.sum();
    }

    long tagRejected(String tag) {
        TagCounters c = byTag.get(tag);
        return c == null ? 0 : c.rejected.sum();
    }

    /** Counters of one metric tag. */
    static final class TagCounters {
        final LongAdder acquired = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final AtomicInteger inUse = new AtomicInteger();
        final LatencyHistogram waitTime = new LatencyHistogram();

        TenantStats stats(String tag) {
            return new TenantStats(tag, inUse.get(), acquired.sum(), rejected.sum(), waitTime.copy().percentiles());
        }
    }

    /**
     * The counters of one tenant tag.
     *
     * @param tag the tenant id, or {@code other} for the untracked tenants together
     * @param inUse connections held now
     * @param acquired connections handed out since start
     * @param rejected requests refused with {@link AcquireFailure#TENANT_LIMIT_EXCEEDED}
     * @param acquireTime time to get a connection, bulkhead wait included
     */
    public record TenantStats(String tag, int inUse, long acquired, long rejected,
                              PoolSnapshot.Percentiles acquireTime) {
    }
}
