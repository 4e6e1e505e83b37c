package io.dbopt.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * The pool's counters at one moment: connections by state, the configured bounds, latency percentiles since the
 * pool started, and event counts. Obtained from {@link PoolMetrics#snapshot()}; also carried by every
 * {@link PoolAcquireException}. Immutable.
 *
 * @param poolName the pool's name
 * @param total open connections
 * @param active connections lent out
 * @param idle connections waiting in the pool
 * @param pending threads waiting for a connection
 * @param max the current maximum (moved by the adaptive sizer)
 * @param min the core size the pool keeps and never shrinks below ({@code pool_size})
 * @param acquireTime how long borrowers waited for a connection
 * @param usageTime how long borrowers held a connection
 * @param acquisitions connections handed out since start
 * @param timeouts acquisitions that failed after the acquire timeout
 * @param creations connections opened since start
 * @param evictions connections closed by the pool since start (lifetime, idle, dead, resize)
 * @param grows adaptive resizes up since start
 * @param shrinks adaptive resizes down since start
 * @param leaksSuspected borrows held longer than the leak threshold since start
 */
public record PoolSnapshot(String poolName, int total, int active, int idle, int pending, int max, int min,
                           Percentiles acquireTime, Percentiles usageTime, long acquisitions, long timeouts,
                           long creations, long evictions, long grows, long shrinks, long leaksSuspected) {

    /** Validates. */
    public PoolSnapshot {
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(acquireTime, "acquireTime");
        Objects.requireNonNull(usageTime, "usageTime");
    }

    /** A one-line summary such as {@code total=4, active=4, idle=0, pending=3, max=4, min=2}. */
    public String describe() {
        return "total=" + total + ", active=" + active + ", idle=" + idle + ", pending=" + pending + ", max=" + max
                + ", min=" + min;
    }

    /**
     * Latency percentiles of one kind of event.
     *
     * @param count how many events were recorded
     * @param p50 the median
     * @param p95 the 95th percentile
     * @param p99 the 99th percentile
     * @param max the largest recorded (bucket upper bound)
     */
    public record Percentiles(long count, Duration p50, Duration p95, Duration p99, Duration max) {

        /** No events. */
        public static final Percentiles NONE = new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO);

        /** Validates. */
        public Percentiles {
            Objects.requireNonNull(p50, "p50");
            Objects.requireNonNull(p95, "p95");
            Objects.requireNonNull(p99, "p99");
            Objects.requireNonNull(max, "max");
        }
    }
}
