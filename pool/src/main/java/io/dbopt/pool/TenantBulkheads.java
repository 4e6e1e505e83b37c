package io.dbopt.pool;

import io.dbopt.core.metrics.Percentiles;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Per-tenant limits on the one shared pool, so a noisy tenant cannot starve the others: each tenant may hold at most
 * its limit ({@link TenantPolicy}) of the pool's current maximum, and a tenant at its limit waits at most
 * {@link TenantPolicy#maxWait()} for one of its own connections before a
 * {@link AcquireFailure#TENANT_LIMIT_EXCEEDED} error. A tenant waits on its own limit before it queues for the pool,
 * so a flood from one tenant queues behind that tenant's limit, not in front of other tenants.
 *
 * <p>Metrics are kept per tag, never per unbounded tenant id: explicitly limited tenants and the first
 * {@link TenantPolicy#trackedTenants()} seen get their own tag, the rest share {@link TenantPolicy#OTHER}. The state
 * of tenants with no connection held or requested is dropped. Obtained from {@link ConnectionPoolManager#tenants()}.
 * Thread-safe.
 */
public interface TenantBulkheads {

    /** The policy in force. */
    TenantPolicy policy();

    /**
     * A data source whose connections count against the tenant's limit; closing it does nothing (the pool is closed
     * by its manager).
     *
     * @throws PoolException with {@link PoolErrorCode#INVALID_CONFIGURATION} when the id is blank, longer than 128
     *     characters or contains control characters
     */
    DataSource dataSource(String tenant);

    /** The tenant's limit at the pool's current maximum. */
    int limit(String tenant);

    /** How many connections the tenant holds now. */
    int inUse(String tenant);

    /** Counters per metric tag (tracked tenants and {@code other}). */
    Map<String, TenantStats> stats();

    /**
     * The counters of one tenant tag.
     *
     * @param tag the tenant id, or {@code other} for the untracked tenants together
     * @param inUse connections held now
     * @param acquired connections handed out since start
     * @param rejected requests refused with {@link AcquireFailure#TENANT_LIMIT_EXCEEDED}
     * @param acquireTime time to get a connection, bulkhead wait included
     */
    record TenantStats(String tag, int inUse, long acquired, long rejected, Percentiles acquireTime) {
        /** Validates. */
        public TenantStats {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(acquireTime, "acquireTime");
        }
    }
}
