package io.dbopt.pool;

import io.dbopt.core.component.ComponentMetrics;
import io.dbopt.core.metrics.Percentiles;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The pool's numbers at one moment, as {@link ConnectionPoolManager#metrics()} returns them: its state in the seed's
 * (SQLAlchemy's) terms, the bounds, latency percentiles since the pool started and event counts. Also carried by
 * every {@link PoolAcquireException}. Immutable.
 *
 * <p>Counts are exact. The acquire and usage percentiles hold the borrows that were timed: every borrow up to about
 * 1,000 a second, above that a regular sample of about 1,000 a second (a clock read costs more than the rest of a
 * borrow). Percentiles come from log-linear histograms and are at most 12.5 % high.
 *
 * @param at when the numbers were read
 * @param poolName the pool's name
 * @param size {@code pool_size}: the connections the pool keeps open and never shrinks below (SQLAlchemy's
 *     {@code size()})
 * @param checkedIn connections waiting in the pool (SQLAlchemy's {@code checkedin()})
 * @param checkedOut connections lent out (SQLAlchemy's {@code checkedout()})
 * @param overflow connections open above {@code size}; never below zero (SQLAlchemy's {@code overflow()} counts
 *     below zero while fewer than {@code pool_size} are open)
 * @param total open connections (checked in, checked out, and any being closed)
 * @param pending threads waiting for a connection
 * @param max the current maximum (moved by the adaptive sizer)
 * @param acquireTime how long borrowers waited for a connection
 * @param usageTime how long borrowers held a connection
 * @param acquisitions connections handed out since start
 * @param timeouts acquisitions that failed after {@code pool_timeout}
 * @param creations connections opened since start
 * @param connectFailures connection attempts that failed since start
 * @param evictions connections closed by the pool since start (lifetime, idle, dead, resize)
 * @param grows adaptive resizes up since start
 * @param shrinks adaptive resizes down since start
 * @param leaksSuspected borrows held longer than the leak threshold since start
 * @param peakThreads the most threads seen borrowing or waiting at once (Tn of the deadlock bound)
 * @param peakPerThread the most connections one thread was seen holding or waiting for at once (Cm)
 */
public record PoolSnapshot(Instant at, String poolName, int size, int checkedIn, int checkedOut, int overflow,
                           int total, int pending, int max, Percentiles acquireTime, Percentiles usageTime,
                           long acquisitions, long timeouts, long creations, long connectFailures, long evictions,
                           long grows, long shrinks, long leaksSuspected, int peakThreads, int peakPerThread)
        implements ComponentMetrics {

    /** Validates. */
    public PoolSnapshot {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(acquireTime, "acquireTime");
        Objects.requireNonNull(usageTime, "usageTime");
    }

    /** A one-line summary such as {@code size=2, checked_out=4, checked_in=0, overflow=2, pending=3, max=4}. */
    public String describe() {
        return "size=" + size + ", checked_out=" + checkedOut + ", checked_in=" + checkedIn + ", overflow=" + overflow
                + ", pending=" + pending + ", max=" + max;
    }

    /**
     * The same numbers by name, the seed's {@code get_metrics()}: {@code size}, {@code checked_in},
     * {@code checked_out}, {@code overflow}, {@code total}, {@code pending}, {@code max}, the counts, and the
     * percentiles in milliseconds ({@code acquire_p99_ms}, {@code usage_p95_ms}, ...).
     */
    @Override
    public Map<String, Number> values() {
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("size", size);
        v.put("checked_in", checkedIn);
        v.put("checked_out", checkedOut);
        v.put("overflow", overflow);
        v.put("total", total);
        v.put("pending", pending);
        v.put("max", max);
        v.put("acquisitions", acquisitions);
        v.put("timeouts", timeouts);
        v.put("creations", creations);
        v.put("connect_failures", connectFailures);
        v.put("evictions", evictions);
        v.put("grows", grows);
        v.put("shrinks", shrinks);
        v.put("leaks_suspected", leaksSuspected);
        v.put("peak_threads", peakThreads);
        v.put("peak_per_thread", peakPerThread);
        percentiles(v, "acquire", acquireTime);
        percentiles(v, "usage", usageTime);
        return java.util.Collections.unmodifiableMap(v);
    }

    private static void percentiles(Map<String, Number> v, String prefix, Percentiles p) {
        v.put(prefix + "_count", p.count());
        v.put(prefix + "_p50_ms", p.p50().toNanos() / 1e6);
        v.put(prefix + "_p95_ms", p.p95().toNanos() / 1e6);
        v.put(prefix + "_p99_ms", p.p99().toNanos() / 1e6);
        v.put(prefix + "_max_ms", p.max().toNanos() / 1e6);
    }
}
