package io.dbopt.core.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * Latency percentiles of one kind of event (borrows, statements, chunks). Immutable.
 *
 * @param count how many events were recorded
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest recorded
 */
public record Percentiles(long count, Duration p50, Duration p95, Duration p99, Duration max) {

    /** No events. */
    public static final Percentiles NONE = new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO);

    /** Validates. */
    public Percentiles {
        if (count < 0) {
            throw new IllegalArgumentException("count must be zero or more, was " + count);
        }
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
    }
}
