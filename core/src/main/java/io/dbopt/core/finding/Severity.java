package io.dbopt.core.finding;

import java.util.Locale;

/** How urgent a finding is, in increasing order; {@link #compareTo} orders them. */
public enum Severity {
    /** Worth knowing; nothing to fix. */
    INFO,
    /** Costs performance or safety under some load; fix when convenient. */
    WARNING,
    /** Costs performance or safety now; fix soon. */
    ERROR,
    /** Risks an outage or data loss; fix before anything else. */
    CRITICAL;

    /** Whether this severity is {@code other} or more urgent. */
    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses a severity name, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown severity '" + text + "': use info, warning, error or critical",
                    e);
        }
    }
}
