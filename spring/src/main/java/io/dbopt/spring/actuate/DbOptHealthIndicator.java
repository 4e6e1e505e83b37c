package io.dbopt.spring.actuate;

import io.dbopt.health.DatabaseHealthMonitor;
import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code dbopt} health indicator on Spring Boot 3: the newest answer of the {@link DatabaseHealthMonitor}, whose
 * checker works on a connection of its own, never one of the application's pool, and answers within
 * {@code health.timeout} even when the database hangs or the pool is exhausted. DOWN is DOWN; DEGRADED (a slow probe,
 * a saturated pool, a replica behind) is reported as UP with {@code "degraded": true} and the findings in the
 * details, so that a load balancer does not take an instance out of service for what is a warning. The details are
 * the monitor's answer in the actuator's shape: the database's numbers and the health of each attached part
 * ({@code pool}). Thread-safe.
 */
public final class DbOptHealthIndicator implements HealthIndicator {

    private final DatabaseHealthMonitor monitor;

    public DbOptHealthIndicator(DatabaseHealthMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public Health health() {
        HealthAnswer answer = HealthAnswer.of(monitor.healthCheck());
        Status status = answer.down() ? Status.DOWN : Status.UP;
        return new Health.Builder(status).withDetails(answer.details()).build();
    }
}
