package io.dbopt.core.component;

import java.time.Instant;
import java.util.Map;

/**
 * A point-in-time snapshot of a component's numbers, as returned by {@code metrics()}. Each module's snapshot is a
 * record with typed fields; {@link #values()} gives the same numbers by name (the seed's {@code get_metrics()}
 * dictionary), for generic consumers such as the health monitor and the reports. Immutable.
 */
public interface ComponentMetrics {

    /** When the snapshot was taken. */
    Instant at();

    /**
     * The numbers by name, in snake case with the unit as suffix where one applies ({@code checked_out},
     * {@code acquire_p99_ms}); the same numbers as the record's fields.
     */
    Map<String, Number> values();
}
