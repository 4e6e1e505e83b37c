package io.dbopt.core.component;

/**
 * How a component is: {@link #UP}, {@link #DEGRADED} (working, but something needs attention) or {@link #DOWN} (not
 * working). Ordered from best to worst, so {@link #worst(HealthStatus)} aggregates.
 */
public enum HealthStatus {
    /** Working as configured. */
    UP,
    /** Working, with a problem that needs attention (slow, near a limit, partly failing). */
    DEGRADED,
    /** Not working. */
    DOWN;

    /** The worse of the two. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
