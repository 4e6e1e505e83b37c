package io.dbopt.spring.actuate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbopt.core.component.HealthJson;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.health.DatabaseHealthMonitor;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code dbopt} health indicator: the newest answer of the {@link DatabaseHealthMonitor}, whose checker works on a
 * connection of its own, never one of the application's pool, and answers within {@code health.timeout} even when the
 * database hangs or the pool is exhausted. DOWN is DOWN; DEGRADED (a slow probe, a saturated pool, a replica behind)
 * is reported as UP with {@code "degraded": true} and the findings in the details, so that a load balancer does not
 * take an instance out of service for what is a warning. The details are the monitor's answer in the actuator's
 * shape: the database's numbers and the health of each attached part ({@code pool}). Thread-safe.
 */
public final class DbOptHealthIndicator implements HealthIndicator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabaseHealthMonitor monitor;

    public DbOptHealthIndicator(DatabaseHealthMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public Health health() {
        io.dbopt.core.component.Health answer = monitor.healthCheck();
        Health.Builder b = new Health.Builder(answer.status() == HealthStatus.DOWN ? Status.DOWN : Status.UP);
        if (answer.status() == HealthStatus.DEGRADED) {
            b.withDetail("degraded", true);
        }
        ObjectNode tree = HealthJson.tree(answer);
        tree.remove("status");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = JSON.convertValue(tree, Map.class);
        Object own = details.remove("details");
        if (own instanceof Map<?, ?> ownDetails) {
            ownDetails.forEach((k, v) -> b.withDetail(String.valueOf(k), v));
        }
        details.forEach(b::withDetail);
        return b.build();
    }
}
