package io.dbopt.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's counters and latency histograms, fed by dbopt's connection wrappers. Counts are exact; the acquire and
 * hold-time histograms hold the borrows that were timed, which is every borrow up to 1,000 acquisitions a second
 * and a random sample above (a clock read costs more than the rest of a borrow; see {@link ManagedPool}). Meter
 * binders subscribe through {@link #subscribe(Sink)}. Thread-safe.
 */
final class PoolCounters {

    /** Receives every timed event; implementations must be cheap and thread-safe. */
    interface Sink {
        void acquired(long nanos);

        void used(long nanos);
    }

    final LatencyHistogram acquireTime = new LatencyHistogram();
    final LatencyHistogram usageTime = new LatencyHistogram();
    final LongAdder timeouts = new LongAdder();
    final LongAdder creations = new LongAdder();
    final LongAdder creationFailures = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder grows = new LongAdder();
    final LongAdder shrinks = new LongAdder();
    final LongAdder leaksSuspected = new LongAdder();
    /** Hold times of the timed returns, and how many there were. */
    final LongAdder timedBusyNanos = new LongAdder();
    final LongAdder timedReturns = new LongAdder();

    private final List<Sink> sinks = new CopyOnWriteArrayList<>();
    private volatile Sink[] sinkArray = new Sink[0];
    void subscribe(Sink sink) {
        sinks.add(sink);
        sinkArray = sinks.toArray(new Sink[0]);
    }

    void unsubscribe(Sink sink) {
        sinks.remove(sink);
        sinkArray = sinks.toArray(new Sink[0]);
    }

    /** A timed acquisition (the count of all acquisitions is kept by the caller). */
    void acquired(long nanos) {
        acquireTime.record(nanos);
        for (Sink s : sinkArray) {
            s.acquired(nanos);
        }
    }

    /** A timed return (the count of all returns is kept by the caller). */
    void returned(long heldNanos) {
        timedReturns.increment();
        timedBusyNanos.add(heldNanos);
        usageTime.record(heldNanos);
        for (Sink s : sinkArray) {
            s.used(heldNanos);
        }
    }
}
