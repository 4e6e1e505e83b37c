package io.dbopt.spring.actuate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthJson;
import io.dbopt.core.component.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health monitor's answer in the actuator's terms, for the indicators of both Spring Boot lines: {@code DOWN} for
 * DOWN, {@code UP} otherwise ({@code "degraded": true} for DEGRADED), and the details of the monitor's answer (the
 * database's numbers, findings, the health of each attached part).
 */
record HealthAnswer(boolean down, Map<String, Object> details) {

    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static HealthAnswer of(Health answer) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (answer.status() == HealthStatus.DEGRADED) {
            details.put("degraded", true);
        }
        ObjectNode tree = HealthJson.tree(answer);
        tree.remove("status");
        Map<String, Object> rest = JSON.convertValue(tree, Map.class);
        Object own = rest.remove("details");
        if (own instanceof Map<?, ?> ownDetails) {
            ownDetails.forEach((k, v) -> details.put(String.valueOf(k), v));
        }
        details.putAll(rest);
        return new HealthAnswer(answer.status() == HealthStatus.DOWN, details);
    }
}
