package io.dbopt.spring.actuate;

import io.dbopt.health.DatabaseHealthMonitor;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code dbopt} health indicator on Spring Boot 4 (whose health API lives in
 * {@code org.springframework.boot.health.contributor}): the same answer as {@link DbOptHealthIndicator} gives on
 * Spring Boot 3. Thread-safe.
 */
public final class DbOptBoot4HealthIndicator implements HealthIndicator {

    private final DatabaseHealthMonitor monitor;

    public DbOptBoot4HealthIndicator(DatabaseHealthMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public Health health() {
        HealthAnswer answer = HealthAnswer.of(monitor.healthCheck());
        Status status = answer.down() ? Status.DOWN : Status.UP;
        return new Health.Builder(status).withDetails(answer.details()).build();
    }
}
