package io.dbopt.health;

/**
 * The names of every meter dbopt-health registers, as listed in {@code docs/metrics.md}. Meters are registered
 * through core's {@link io.dbopt.core.metrics.MetricsRecorder}, so Micrometer stays optional.
 */
public final class HealthMeters {

    /** Gauge: the status of the monitor's answer and of each part (0 UP, 1 DEGRADED, 2 DOWN); tag {@code part}. */
    public static final String STATUS = "dbopt.health.status";
    /** Timer: one check cycle; tag {@code outcome} ({@code answered}, {@code timed_out}, {@code failed}). */
    public static final String CYCLE = "dbopt.health.cycle";
    /** Timer: the probe's round trip ({@code SELECT 1} on the checker's connection). */
    public static final String PROBE = "dbopt.health.probe";
    /** Gauge: the newest value of a server time series; tag {@code series} ({@code tps}, ...). */
    public static final String SERVER = "dbopt.health.server";
    /** Gauge: the newest value of an attached component; tags {@code component} and {@code value}. */
    public static final String COMPONENT = "dbopt.health.component";
    /** Gauge: where an alert rule stands (0 inactive, 1 pending, 2 firing); tag {@code alert}. */
    public static final String ALERT_STATE = "dbopt.health.alert.state";
    /** Counter: notifications by sink and outcome; tags {@code sink}, {@code outcome}. */
    public static final String NOTIFICATIONS = "dbopt.health.alert.notifications";

    private HealthMeters() {
    }
}
