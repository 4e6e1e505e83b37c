package io.dbopt.health.alert;

import io.dbopt.core.finding.Severity;
import java.util.Objects;

/**
 * What a rule saw in one evaluation: whether its condition holds, the value behind it, the severity the alert takes
 * (a check rule takes the check's own) and a description for the alert's annotations. Immutable.
 *
 * @param active whether the condition holds
 * @param value the observed value
 * @param severity the severity the alert takes
 * @param description what was seen, one line, no SQL text or values
 */
public record Observation(boolean active, double value, Severity severity, String description) {

    /** Validates. */
    public Observation {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
    }
}
