package io.dbopt.core.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import io.dbopt.core.finding.Finding;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a {@link Health} as JSON in the shape of Spring Boot's actuator ({@code status}, {@code details},
 * {@code components}), with dbopt's findings under {@code details.findings}. Durations are written in milliseconds
 * (with an {@code _ms} suffix added to the name when it has none), instants in ISO-8601; every text passes through
 * {@link Redaction}. Stateless and thread-safe.
 */
public final class HealthJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HealthJson() {
    }

    /** The health as a JSON tree. */
    public static ObjectNode tree(Health health) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("status", health.status().name());
        ObjectNode details = node.putObject("details");
        health.details().forEach((name, value) -> put(details, name, value));
        if (!health.findings().isEmpty()) {
            ArrayNode findings = details.putArray("findings");
            for (Finding f : health.findings()) {
                ObjectNode fn = findings.addObject();
                fn.put("check", f.check().value());
                fn.put("severity", f.severity().name());
                fn.put("object", Redaction.redactText(f.object().toString()));
                fn.put("message", Redaction.redactText(f.message()));
            }
        }
        details.put("checkedAt", health.checkedAt().toString());
        if (!health.components().isEmpty()) {
            ObjectNode components = node.putObject("components");
            health.components().forEach((name, part) -> components.set(name, tree(part)));
        }
        return node;
    }

    /** The health as indented JSON text. */
    public static String write(Health health) {
        try {
            return MAPPER.writeValueAsString(tree(health));
        } catch (JsonProcessingException e) {
            throw new DbOptException(CoreErrorCode.REPORT_FAILED, "Cannot write the health of "
                    + health.component() + " as JSON", e);
        }
    }

    private static void put(ObjectNode node, String name, Object value) {
        if (value instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                node.put(name, n.doubleValue());
            } else {
                node.put(name, n.longValue());
            }
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof Duration d) {
            node.put(name.endsWith("_ms") || name.endsWith("Ms") ? name : name + "_ms", d.toMillis());
        } else if (value instanceof Collection<?> items) {
            ArrayNode array = node.putArray(name);
            for (Object item : items) {
                ObjectNode holder = MAPPER.createObjectNode();
                put(holder, "v", item);
                array.add(holder.elements().next());
            }
        } else if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("Health details hold no maps: " + name);
        } else {
            node.put(name, Redaction.redactText(value instanceof Enum<?> e ? e.name() : String.valueOf(value)));
        }
    }
}
