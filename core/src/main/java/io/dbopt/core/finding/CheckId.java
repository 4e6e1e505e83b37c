package io.dbopt.core.finding;

import java.util.regex.Pattern;

/**
 * The stable identifier of a check, {@code <module>.<check>} in lower case with dashes, such as
 * {@code index.unused} or {@code migration.non-concurrent-index}. Users suppress findings and CI pipelines filter
 * on it, so a released id never changes meaning.
 *
 * @param value the identifier
 */
public record CheckId(String value) implements Comparable<CheckId> {

    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9-]*)+");

    /** Validates the format. */
    public CheckId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Check id '" + value
                    + "' must look like 'module.check-name' (lower case, digits, dashes)");
        }
    }

    /** Creates a check id. */
    public static CheckId of(String value) {
        return new CheckId(value);
    }

    /** The module part, e.g. {@code index} for {@code index.unused}. */
    public String module() {
        return value.substring(0, value.indexOf('.'));
    }

    @Override
    public int compareTo(CheckId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
