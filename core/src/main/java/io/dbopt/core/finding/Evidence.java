package io.dbopt.core.finding;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One measured fact behind a finding, such as {@code index_size_bytes = 8192} or {@code scans = 0}.
 *
 * @param name a lower_snake_case name that says the unit where there is one ({@code _bytes}, {@code _ms})
 * @param value a {@link Number}, {@link Boolean}, {@link Duration} or {@link String}
 */
public record Evidence(String name, Object value) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Validates the name and the value's type. */
    public Evidence {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Evidence name '" + name + "' must be lower_snake_case");
        }
        Objects.requireNonNull(value, "value of evidence " + name);
        if (!(value instanceof Number || value instanceof Boolean || value instanceof Duration
                || value instanceof String)) {
            throw new IllegalArgumentException("Evidence " + name + " must be a number, boolean, duration or text, not "
                    + value.getClass().getName());
        }
    }

    /** Evidence with a value. */
    public static Evidence of(String name, Object value) {
        return new Evidence(name, value);
    }

    /** The value as text: numbers as they are, durations in milliseconds. */
    public String displayValue() {
        if (value instanceof Duration d) {
            return d.toMillis() + " ms";
        }
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.3g", v);
        }
        return String.valueOf(value);
    }
}
