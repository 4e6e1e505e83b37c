package io.dbopt.core.metrics;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The metrics facade dbopt components record through. Micrometer is optional: {@link #noop()} records nothing and
 * loads no Micrometer class; {@link #micrometer(Object)} records into a {@code MeterRegistry} and is the only path
 * that touches Micrometer.
 *
 * <p>Meters are obtained once (at component start) and then used on hot paths without lookups. Tags are given as
 * alternating key/value pairs and must have low cardinality: never a SQL text, user id or tenant id that is not
 * bounded. Implementations are thread-safe.
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

    /** A monotonically increasing count. */
    Counter counter(String name, String description, String... tags);

    /** A timer recording durations in nanoseconds, with percentiles where the backend supports them. */
    Timer timer(String name, String description, String... tags);

    /**
     * A gauge sampling {@code value} when the backend reads it. The supplier must be cheap and thread-safe; the
     * recorder keeps a strong reference to it until {@link #close()}.
     */
    void gauge(String name, String description, String baseUnit, Supplier<Number> value, String... tags);

    /** Removes every meter this recorder registered. */
    void close();

    /** A count handle. */
    interface Counter {
        /** Adds one. */
        void increment();

        /** Adds {@code amount}, which must not be negative. */
        void increment(double amount);
    }

    /** A duration handle. */
    interface Timer {
        /** Records one duration in nanoseconds. */
        void recordNanos(long nanos);
    }
}
