package io.dbopt.pool.engine;

import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.pool.PoolMeters;

/**
 * Publishes the pool's state as gauges, in the seed's terms ({@code size}, {@code checked_in}, {@code checked_out},
 * {@code overflow}) plus {@code pending} and {@code max}, and keeps the acquisitions counter up to date: the borrow
 * path counts in each connection's lease without shared state, so the monitor adds what was borrowed since its last
 * visit
 * ({@link #publish()}, every 250 ms). Thread-safe; {@code publish} is called by the monitor only.
 */
public final class PoolGauges {

    private final Leases leases;
    private final MetricsRecorder.Counter acquisitions;
    private long published;

    /** Registers the gauges of {@code pool}, tagged {@code pool=<name>}. */
    public PoolGauges(MetricsRecorder recorder, ManagedPool pool, Leases leases) {
        this.leases = leases;
        String name = pool.name();
        int size = pool.config().poolSize();
        recorder.gauge(PoolMeters.SIZE, "Connections the pool keeps open (pool_size)", "connections", () -> size,
                "pool", name);
        recorder.gauge(PoolMeters.CHECKED_IN, "Connections waiting in the pool", "connections", pool::idleCount,
                "pool", name);
        recorder.gauge(PoolMeters.CHECKED_OUT, "Connections lent out", "connections", pool::active, "pool", name);
        recorder.gauge(PoolMeters.OVERFLOW, "Connections open above pool_size", "connections",
                () -> Math.max(0, pool.total() - size), "pool", name);
        recorder.gauge(PoolMeters.PENDING, "Threads waiting for a connection", "threads", pool::pending, "pool", name);
        recorder.gauge(PoolMeters.MAX, "The pool's current maximum", "connections", pool::currentMax, "pool", name);
        this.acquisitions = recorder.counter(PoolMeters.ACQUISITIONS, "Connections handed out", "pool", name);
    }

    /** Adds the connections handed out since the last call to the acquisitions counter. */
    public void publish() {
        long now = leases.acquisitions();
        long delta = now - published;
        if (delta > 0) {
            acquisitions.increment(delta);
            published = now;
        }
    }
}
