package io.dbopt.pool;

/**
 * The names of the meters a pool records through core's {@link io.dbopt.core.metrics.MetricsRecorder} when built with
 * {@link ConnectionPoolManager.Builder#meterRegistry(Object)} or {@link ConnectionPoolManager.Builder#metrics}; every
 * meter is tagged {@code pool=<pool name>}. The four gauges {@link #SIZE}, {@link #CHECKED_IN},
 * {@link #CHECKED_OUT} and {@link #OVERFLOW} are the pool's state in the seed's (SQLAlchemy's) terms. Tenant meters
 * are also tagged {@code tenant} (tracked tenants or {@code other}), decision counters {@code action} and
 * {@code reason}, resize counters {@code direction}.
 */
public final class PoolMeters {

    /** Gauge of {@code pool_size}, the connections the pool keeps open (SQLAlchemy's {@code size()}). */
    public static final String SIZE = "dbopt.pool.size";
    /** Gauge of connections waiting in the pool, idle (SQLAlchemy's {@code checkedin()}). */
    public static final String CHECKED_IN = "dbopt.pool.checked_in";
    /** Gauge of connections lent out (SQLAlchemy's {@code checkedout()}). */
    public static final String CHECKED_OUT = "dbopt.pool.checked_out";
    /** Gauge of connections open above {@code pool_size} (SQLAlchemy's {@code overflow()}, never below zero). */
    public static final String OVERFLOW = "dbopt.pool.overflow";
    /** Gauge of threads waiting for a connection. */
    public static final String PENDING = "dbopt.pool.pending";
    /** Gauge of the current maximum (moved by adaptive sizing). */
    public static final String MAX = "dbopt.pool.max";
    /**
     * Timer of the time borrowers waited for a connection (the timed borrows: see {@link PoolSnapshot}), recorded by
     * the pool's monitor every 250 ms from its own histogram, each duration as its bucket's upper bound (at most
     * 12.5 % high), so that a registry adds nothing to the borrow path.
     */
    public static final String ACQUIRE = "dbopt.pool.acquire";
    /** Timer of the time borrowers held a connection (the timed borrows), recorded like {@link #ACQUIRE}. */
    public static final String USAGE = "dbopt.pool.usage";
    /** Counter of connections handed out, brought up to date by the pool's monitor every 250 ms. */
    public static final String ACQUISITIONS = "dbopt.pool.acquisitions";
    /** Counter of acquisitions that timed out. */
    public static final String TIMEOUTS = "dbopt.pool.timeouts";
    /** Counter of connections opened. */
    public static final String CREATED = "dbopt.pool.connections.created";
    /** Counter of connection attempts that failed. */
    public static final String CONNECT_FAILURES = "dbopt.pool.connections.failed";
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
