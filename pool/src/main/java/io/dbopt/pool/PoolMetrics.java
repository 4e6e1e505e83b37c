package io.dbopt.pool;

/**
 * The pool's numbers: {@link #snapshot()} for a point-in-time record, {@link PoolMeterBinder} to publish them
 * through Micrometer (optional) under the names in {@link PoolMeters}. Obtained from
 * {@link ConnectionPoolManager#metrics()}. Thread-safe.
 */
public final class PoolMetrics {

    private final ManagedPool pool;

    PoolMetrics(ManagedPool pool) {
        this.pool = pool;
    }

    /** The pool's name, the {@code pool} tag of every meter. */
    public String poolName() {
        return pool.name;
    }

    /**
     * Connections by state, the bounds, acquire and usage percentiles since the start, and event counts. Reading the
     * percentiles copies two small histograms: cheap, but not meant for every request.
     */
    public PoolSnapshot snapshot() {
        return pool.snapshot();
    }

    ManagedPool pool() {
        return pool;
    }
}
