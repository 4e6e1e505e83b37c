package io.dbopt.core.metrics;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The metrics facade every dbopt component records through. Micrometer is optional: {@link #noop()} records nothing
 * and loads no Micrometer class; {@link #micrometer(Object)} records into a {@code MeterRegistry} and is the only
 * path that touches Micrometer.
 *
 * <p>Names follow one scheme, checked when a meter is created: {@code dbopt.<module>.<name>} in lower case with dots
 * ({@code dbopt.pool.acquire}, {@code dbopt.bulk.rows}), base units (seconds through timers, bytes, rows), every
 * meter listed in {@code docs/metrics.md}. Meters are obtained once (at component start) and then used on hot paths
 * without lookups. Tags are given as alternating key/value pairs and must have low cardinality: never a SQL text,
 * user id or tenant id that is not bounded. Implementations are thread-safe.
 */
public interface MetricsRecorder {

    /** A recorder that records nothing. */
    static MetricsRecorder noop() {
        return NoopRecorder.INSTANCE;
    }

    /**
     * A recorder backed by a Micrometer {@code MeterRegistry}.
     *
     * @param meterRegistry an {@code io.micrometer.core.instrument.MeterRegistry}; typed as {@code Object} so that
     *     this interface loads without Micrometer on the class path
     * @throws IllegalStateException when Micrometer is not on the class path
     * @throws IllegalArgumentException when the argument is not a {@code MeterRegistry}
     */
    static MetricsRecorder micrometer(Object meterRegistry) {
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        if (!MicrometerSupport.isAvailable()) {
            throw new IllegalStateException("Micrometer is not on the class path: add io.micrometer:micrometer-core "
                    + "to use a MeterRegistry, or use MetricsRecorder.noop()");
        }
        return MicrometerSupport.recorder(meterRegistry);
    }

    /**
     * Checks a meter name against the scheme {@code dbopt.<module>.<name>}.
     *
     * @throws IllegalArgumentException naming the bad name
     */
    static String checkName(String name) {
        if (name == null || !name.matches("dbopt\\.[a-z][a-z0-9]*(\\.[a-z][a-z0-9_]*)+")) {
            throw new IllegalArgumentException("Meter name '" + name + "' does not follow dbopt.<module>.<name> "
                    + "(lower case, dot-separated)");
        }
        return name;
    }

    /** A monotonically increasing count. */
    Counter counter(String name, String description, String... tags);

    /**
     * A distribution of amounts in {@code baseUnit} (rows per chunk, bytes per document), with count, total and
     * maximum.
     */
    Summary summary(String name, String description, String baseUnit, String... tags);

    /** A timer recording durations in nanoseconds, with percentiles where the backend supports them. */
    Timer timer(String name, String description, String... tags);

    /**
     * A gauge sampling {@code value} when the backend reads it. The supplier must be cheap and thread-safe; the
     * recorder keeps a strong reference to it until {@link #close()}.
     */
    void gauge(String name, String description, String baseUnit, Supplier<Number> value, String... tags);

    /**
     * A count the component already keeps (a {@code LongAdder}, a total over its own statistics), read when the
     * backend scrapes: recording costs nothing more than the component's own bookkeeping. The value must never
     * decrease. The supplier must be cheap and thread-safe; the recorder keeps a strong reference to it until
     * {@link #close()} (Micrometer itself holds it weakly), so the component must keep the recorder reachable for as
     * long as the meter should read.
     */
    void functionCounter(String name, String description, String baseUnit, Supplier<Number> count, String... tags);

    /**
     * Durations the component already counts and sums, read when the backend scrapes: how many, and their total in
     * nanoseconds; neither may decrease. For statistics kept elsewhere (a profiler's per-fingerprint totals), so that
     * the hot path records once. The suppliers must be cheap and thread-safe; as for
     * {@link #functionCounter}, the recorder holds them and must stay reachable.
     */
    void functionTimer(String name, String description, Supplier<Number> count, Supplier<Number> totalNanos,
                       String... tags);

    /** Removes every meter this recorder registered. */
    void close();

    /** A count handle. */
    interface Counter {
        /** Adds one. */
        void increment();

        /** Adds {@code amount}, which must not be negative. */
        void increment(double amount);
    }

    /** An amount-distribution handle. */
    interface Summary {
        /** Records one amount, which must not be negative. */
        void record(double amount);
    }

    /** A duration handle. */
    interface Timer {
        /** Records one duration in nanoseconds. */
        void recordNanos(long nanos);
    }
}
