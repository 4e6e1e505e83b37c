package io.dbopt.pool;

/**
 * The names of the meters {@link PoolMeterBinder} registers, all tagged {@code pool=<pool name>}; tenant meters are
 * also tagged {@code tenant} (tracked tenants or {@code other}), decision counters {@code action} and {@code reason}.
 */
public final class PoolMeters {

    /** Gauge of connections, tagged {@code state}: {@code active}, {@code idle}, {@code pending}, {@code total}. */
    public static final String CONNECTIONS = "dbopt.pool.connections";
    /** Gauge of the current maximum (moved by adaptive sizing). */
    public static final String MAX = "dbopt.pool.connections.max";
    /** Gauge of the core size ({@code pool_size}). */
    public static final String MIN = "dbopt.pool.connections.min";
    /** Timer of the time borrowers waited for a connection. */
    public static final String ACQUIRE = "dbopt.pool.acquire";
    /** Timer of the time borrowers held a connection. */
    public static final String USAGE = "dbopt.pool.usage";
    /** Counter of acquisitions that timed out. */
    public static final String TIMEOUTS = "dbopt.pool.timeouts";
    /** Counter of connections opened. */
    public static final String CREATED = "dbopt.pool.connections.created";
    /** Counter of connections closed by the pool (lifetime, idle, dead, resize). */
    public static final String EVICTED = "dbopt.pool.connections.evicted";
    /** Counter of borrows that passed the leak threshold. */
    public static final String LEAKS = "dbopt.pool.leaks";
    /** Counter of adaptive resizes, tagged {@code direction}: {@code grow} or {@code shrink}. */
    public static final String RESIZES = "dbopt.pool.resizes";
    /** Counter of adaptive sizing decisions, tagged {@code action} and {@code reason}. */
    public static final String DECISIONS = "dbopt.pool.sizing.decisions";
    /** Gauge of connections a tenant holds, tagged {@code tenant}. */
    public static final String TENANT_CONNECTIONS = "dbopt.pool.tenant.connections";
    /** Counter of connections lent to a tenant, tagged {@code tenant}. */
    public static final String TENANT_ACQUIRED = "dbopt.pool.tenant.acquired";
    /** Counter of requests refused because the tenant was at its limit, tagged {@code tenant}. */
    public static final String TENANT_REJECTED = "dbopt.pool.tenant.rejected";

    private PoolMeters() {
    }
}
