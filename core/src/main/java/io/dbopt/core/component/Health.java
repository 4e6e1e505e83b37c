package io.dbopt.core.component;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of every component's {@code healthCheck()}: a {@link HealthStatus}, details (named values: text,
 * numbers, booleans, durations, instants), the {@link Finding}s behind a status other than UP, and the health of
 * parts ({@code components}), in the shape of Spring Boot's actuator health ({@link HealthJson} writes it).
 *
 * <pre>{@code
 * Health h = pool.healthCheck();
 * if (h.status() != HealthStatus.UP) log.warn("{}", h.findings());
 * }</pre>
 *
 * @param component the component's name ({@code pool}, {@code query}, {@code database})
 * @param status how it is
 * @param details named values; never passwords, URLs with secrets or bind values
 * @param findings why it is not UP, each with evidence and a fix where one exists
 * @param components the health of its parts, by name
 * @param checkedAt when the check ran
 */
public record Health(String component, HealthStatus status, Map<String, Object> details, List<Finding> findings,
                     Map<String, Health> components, Instant checkedAt) {

    /** Validates and copies; a status better than a part's worst is lowered to it. */
    public Health {
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("A health result needs a component name");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Map<String, Object> d = new LinkedHashMap<>();
        details.forEach((k, v) -> d.put(Objects.requireNonNull(k, "detail name"), checkDetail(k, v)));
        details = java.util.Collections.unmodifiableMap(d);
        findings = List.copyOf(findings);
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
        for (Health part : components.values()) {
            status = status.worst(part.status());
        }
    }

    /** Starts a result for a component. */
    public static Builder builder(String component) {
        return new Builder(component);
    }

    /** UP, nothing more to say. */
    public static Health up(String component) {
        return builder(component).build();
    }

    /** DOWN with one detail saying why ({@code "error"}). */
    public static Health down(String component, String why) {
        return builder(component).status(HealthStatus.DOWN).detail("error", why).build();
    }

    /** One result whose status is the worst of its parts. */
    public static Health aggregate(String component, Collection<Health> parts) {
        Builder b = builder(component);
        parts.forEach(b::component);
        return b.build();
    }

    /** The status a finding's severity implies: INFO keeps UP, WARNING and ERROR degrade, CRITICAL means DOWN. */
    public static HealthStatus statusOf(Severity severity) {
        return switch (severity) {
            case INFO -> HealthStatus.UP;
            case WARNING, ERROR -> HealthStatus.DEGRADED;
            case CRITICAL -> HealthStatus.DOWN;
        };
    }

    /** Whether the status is UP. */
    public boolean isUp() {
        return status == HealthStatus.UP;
    }

    private static Object checkDetail(String name, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Duration || value instanceof TemporalAccessor || value instanceof Enum<?>) {
            return value == null ? "" : value;
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(i -> copy.add(checkDetail(name, i)));
            return List.copyOf(copy);
        }
        throw new IllegalArgumentException("Health detail " + name + " must be text, a number, a boolean, a duration, "
                + "an instant, an enum or a list of those, was " + value.getClass().getName());
    }

    /**
     * Builds a {@link Health}. The status starts UP and only gets worse: {@link #status(HealthStatus)} and each
     * {@link #finding(Finding)} lower it, never raise it. Not thread-safe.
     */
    public static final class Builder {
        private final String component;
        private HealthStatus status = HealthStatus.UP;
        private final Map<String, Object> details = new LinkedHashMap<>();
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, Health> components = new LinkedHashMap<>();
        private Instant checkedAt;

        private Builder(String component) {
            this.component = component;
        }

        /** Lowers the status to {@code value} when it is worse than the current one. */
        public Builder status(HealthStatus value) {
            this.status = status.worst(Objects.requireNonNull(value, "status"));
            return this;
        }

        /** Adds a named value. */
        public Builder detail(String name, Object value) {
            details.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** Adds a finding and lowers the status to what its severity implies ({@link Health#statusOf(Severity)}). */
        public Builder finding(Finding finding) {
            findings.add(Objects.requireNonNull(finding, "finding"));
            return status(statusOf(finding.severity()));
        }

        /** Adds findings, as {@link #finding(Finding)}. */
        public Builder findings(Collection<Finding> values) {
            values.forEach(this::finding);
            return this;
        }

        /** Adds the health of a part, under its component name. */
        public Builder component(Health part) {
            components.put(part.component(), part);
            return this;
        }

        /** When the check ran; now when not set. */
        public Builder checkedAt(Instant at) {
            this.checkedAt = Objects.requireNonNull(at, "checkedAt");
            return this;
        }

        /** Builds the result. */
        public Health build() {
            return new Health(component, status, details, findings, components,
                    checkedAt == null ? Instant.now() : checkedAt);
        }
    }
}
