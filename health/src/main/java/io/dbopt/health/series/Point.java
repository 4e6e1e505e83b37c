package io.dbopt.health.series;

import java.time.Instant;
import java.util.Objects;

/**
 * One sample of a time series.
 *
 * @param at when it was taken
 * @param value the value, in the series' unit; never NaN
 */
public record Point(Instant at, double value) {

    /** Validates. */
    public Point {
        Objects.requireNonNull(at, "at");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("A sample must be a finite number, was " + value);
        }
    }
}
