package io.dbopt.health.alert;

import io.dbopt.core.Checks;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Severity;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One alert rule: a condition on a time series ({@code slow_queries > 0}) or on a health check (not UP), how long it
 * must hold before the alert fires (its for-duration, as in Prometheus), the severity and the labels the alert
 * carries.
 *
 * <pre>{@code
 * AlertRule rule = AlertRule.onMetric("high-rollback-rate", "rollbacks_per_second").above(50)
 *         .forDuration(Duration.ofMinutes(5)).severity(Severity.WARNING).label("team", "payments")
 *         .summary("Rollbacks above 50 per second").build();
 * }</pre>
 *
 * Ready-made: {@link #slowQueries(Duration)}, {@link #poolExhausted(String, Duration)} and
 * {@link #onCheck(String)}. Immutable and thread-safe.
 */
public final class AlertRule {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The comparison of a metric rule. */
    private enum Comparison { ABOVE, BELOW }

    private final String name;
    private final String series;
    private final String check;
    private final Comparison comparison;
    private final double threshold;
    private final Duration forDuration;
    private final Severity severity;
    private final Map<String, String> labels;
    private final String summary;

    private AlertRule(Builder b) {
        this.name = b.name;
        this.series = b.series;
        this.check = b.check;
        this.comparison = b.comparison;
        this.threshold = b.threshold;
        this.forDuration = b.forDuration;
        this.severity = b.severity;
        this.labels = Collections.unmodifiableMap(new TreeMap<>(b.labels));
        this.summary = b.summary;
    }

    /** A rule on the newest value of a time series ({@code slow_queries}, {@code pool.saturated}). */
    public static Builder onMetric(String name, String series) {
        Builder b = new Builder(name);
        b.series = Checks.notBlank("series", series);
        return b;
    }

    /**
     * A rule that fires while a health check is not UP, at the severity of its worst finding (a check answering DOWN
     * is CRITICAL). Named {@code health.<check>}.
     */
    public static Builder onCheck(String check) {
        Builder b = new Builder("health." + Checks.notBlank("check", check));
        b.check = check;
        b.summary = "Health check " + check + " is not UP";
        return b;
    }

    /**
     * The ready-made rule for slow queries: fires when slow statements keep appearing (series {@code slow_queries}
     * above 0) for {@code forDuration}; WARNING.
     */
    public static AlertRule slowQueries(Duration forDuration) {
        return onMetric("slow-queries", "slow_queries").above(0).forDuration(forDuration)
                .severity(Severity.WARNING)
                .summary("Slow statements keep appearing in the database").build();
    }

    /**
     * The ready-made rule for connection pool exhaustion: fires when the attached component {@code component} is
     * saturated (series {@code <component>.saturated} is 1: every connection checked out, callers waiting) for
     * {@code forDuration}; ERROR, with label {@code component}.
     */
    public static AlertRule poolExhausted(String component, Duration forDuration) {
        return onMetric("pool-exhausted", component + ".saturated").above(0.5).forDuration(forDuration)
                .severity(Severity.ERROR).label("component", component)
                .summary("Connection pool " + component + " is exhausted: callers wait for connections").build();
    }

    /** The rule's name, the alert's {@code alertname}. */
    public String name() {
        return name;
    }

    /** How long the condition must hold before the alert fires. */
    public Duration forDuration() {
        return forDuration;
    }

    /** The rule's labels (besides {@code alertname}, {@code severity} and {@code instance}). */
    public Map<String, String> labels() {
        return labels;
    }

    /** The summary annotation. */
    public String summary() {
        return summary;
    }

    /** What the rule watches: {@code series slow_queries > 0} or {@code check long-queries}. */
    public String condition() {
        if (check != null) {
            return "check " + check + " not UP";
        }
        return "series " + series + (comparison == Comparison.ABOVE ? " > " : " < ") + threshold;
    }

    /** Evaluates the rule; empty when what it watches has no value yet (the alert's state does not change). */
    public Optional<Observation> observe(RuleInput input) {
        if (check != null) {
            return input.check(check).map(this::observeCheck);
        }
        OptionalDouble v = input.metric(series);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        double value = v.getAsDouble();
        boolean active = comparison == Comparison.ABOVE ? value > threshold : value < threshold;
        return Optional.of(new Observation(active, value, severity, String.format(Locale.ROOT, "%s is %s (%s %s)",
                series, format(value), comparison == Comparison.ABOVE ? "above" : "below", format(threshold))));
    }

    private Observation observeCheck(Health h) {
        if (h.status() == HealthStatus.UP) {
            return new Observation(false, 0, severity, check + " is UP");
        }
        Severity worst = h.status() == HealthStatus.DOWN ? Severity.CRITICAL : Severity.WARNING;
        String description = String.valueOf(h.details().getOrDefault("error", check + " is " + h.status()));
        Optional<Finding> top = h.findings().stream().max(java.util.Comparator.comparing(Finding::severity));
        if (top.isPresent()) {
            description = top.get().message();
            worst = top.get().severity().isAtLeast(worst) ? top.get().severity() : worst;
        }
        return new Observation(true, h.findings().size(), worst, description);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    @Override
    public String toString() {
        return name + " (" + condition() + " for " + forDuration + ")";
    }

    /** Builds an {@link AlertRule}; every setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String series;
        private String check;
        private Comparison comparison = Comparison.ABOVE;
        private double threshold;
        private Duration forDuration = Duration.ZERO;
        private Severity severity = Severity.WARNING;
        private final Map<String, String> labels = new TreeMap<>();
        private String summary;

        private Builder(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Alert rule name '" + name + "' must be letters, digits, '_', '.' "
                        + "or '-', starting with a letter");
            }
            this.name = name;
            this.summary = name;
        }

        /** Fires while the value is greater than {@code value}. */
        public Builder above(double value) {
            requireMetric();
            this.comparison = Comparison.ABOVE;
            this.threshold = Checks.inRange("threshold", value, -Double.MAX_VALUE, Double.MAX_VALUE);
            return this;
        }

        /** Fires while the value is less than {@code value}. */
        public Builder below(double value) {
            requireMetric();
            this.comparison = Comparison.BELOW;
            this.threshold = Checks.inRange("threshold", value, -Double.MAX_VALUE, Double.MAX_VALUE);
            return this;
        }

        /** How long the condition must hold before the alert fires; zero (the default) fires at once. */
        public Builder forDuration(Duration value) {
            this.forDuration = Checks.notNegative("forDuration", value);
            return this;
        }

        /** The alert's severity (a check rule takes the check's own instead). */
        public Builder severity(Severity value) {
            this.severity = Objects.requireNonNull(value, "severity");
            return this;
        }

        /** Adds a label; {@code alertname}, {@code severity} and {@code instance} are set by the manager. */
        public Builder label(String key, String value) {
            if (key == null || !LABEL.matcher(key).matches()) {
                throw new IllegalArgumentException("Label name '" + key + "' must be letters, digits and '_'");
            }
            if (key.equals("alertname") || key.equals("severity") || key.equals("instance")) {
                throw new IllegalArgumentException("Label " + key + " is set by the alert manager");
            }
            labels.put(key, Checks.notBlank("label value", value));
            return this;
        }

        /** The one-line summary annotation. */
        public Builder summary(String value) {
            this.summary = Checks.notBlank("summary", value);
            return this;
        }

        /** Builds the rule. */
        public AlertRule build() {
            return new AlertRule(this);
        }

        private void requireMetric() {
            if (series == null) {
                throw new IllegalStateException("above/below apply to metric rules; rule " + name + " watches a check");
            }
        }
    }
}
