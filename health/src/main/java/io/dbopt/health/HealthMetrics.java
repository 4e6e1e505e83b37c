package io.dbopt.health;

import io.dbopt.core.component.ComponentMetrics;
import io.dbopt.core.component.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The health monitor's own numbers at one instant. Immutable.
 *
 * @param at when the snapshot was taken
 * @param status the newest answer's status ({@code UP} before the first cycle)
 * @param cycles check cycles run
 * @param failedCycles cycles in which the database was refused or did not answer
 * @param lastCycle how long the newest cycle took
 * @param probeLatency the newest probe round trip ({@link Duration#ZERO} when it did not answer)
 * @param alertsPending alerts pending
 * @param alertsFiring alerts firing
 * @param notificationsSent notifications delivered
 * @param notificationsFailed notifications that failed (after retries)
 * @param notificationsDropped notifications dropped from a full queue
 */
public record HealthMetrics(Instant at, HealthStatus status, long cycles, long failedCycles, Duration lastCycle,
                            Duration probeLatency, int alertsPending, int alertsFiring, long notificationsSent,
                            long notificationsFailed, long notificationsDropped) implements ComponentMetrics {

    /** Validates. */
    public HealthMetrics {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastCycle, "lastCycle");
        Objects.requireNonNull(probeLatency, "probeLatency");
    }

    @Override
    public Map<String, Number> values() {
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("status", status.ordinal());
        v.put("cycles", cycles);
        v.put("failed_cycles", failedCycles);
        v.put("last_cycle_ms", lastCycle.toMillis());
        v.put("probe_latency_ms", probeLatency.toNanos() / 1e6);
        v.put("alerts_pending", alertsPending);
        v.put("alerts_firing", alertsFiring);
        v.put("notifications_sent", notificationsSent);
        v.put("notifications_failed", notificationsFailed);
        v.put("notifications_dropped", notificationsDropped);
        return v;
    }
}
