package io.dbopt.health.series;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A copy of one bounded time series, oldest sample first, for charts and reports: {@code tps}, {@code
 * cache_hit_ratio}, {@code pool.checked_out}. Immutable.
 *
 * @param name the series name, snake case with dots separating a component ({@code pool.checked_out})
 * @param unit the unit of every value ({@code per_second}, {@code ratio}, {@code seconds}, {@code sessions},
 *     {@code bytes_per_second}, or empty for a plain number)
 * @param points the samples, oldest first, at most the series' capacity
 */
public record TimeSeries(String name, String unit, List<Point> points) {

    /** Validates and copies. */
    public TimeSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        points = List.copyOf(points);
    }

    /** The newest sample, if there is one. */
    public Optional<Point> latest() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    /** The newest value, if there is one. */
    public OptionalDouble latestValue() {
        return points.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(points.get(points.size() - 1).value());
    }

    /** The largest value, if there is one. */
    public OptionalDouble max() {
        return points.stream().mapToDouble(Point::value).max();
    }

    /** The mean value, if there is one. */
    public OptionalDouble mean() {
        return points.stream().mapToDouble(Point::value).average();
    }
}
