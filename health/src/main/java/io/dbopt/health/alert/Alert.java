package io.dbopt.health.alert;

import io.dbopt.core.finding.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One alert as sinks receive it, in Alertmanager's terms: labels (which identify it: {@code alertname},
 * {@code severity}, {@code instance} and the rule's own), annotations ({@code summary}, {@code description}), when it
 * started and, once resolved, when it ended. Never carries SQL text, bind values or secrets. Immutable.
 *
 * @param rule the rule's name (also the {@code alertname} label)
 * @param state {@link AlertState#FIRING} or {@link AlertState#RESOLVED} in notifications; {@code PENDING} too in
 *     listings of active alerts
 * @param severity how urgent
 * @param labels the identifying labels, sorted
 * @param annotations summary and description, sorted
 * @param value the observed value that crossed the threshold (the last one, for a resolved alert)
 * @param startsAt when the alert fired (or began pending)
 * @param endsAt when it resolved, empty while it fires
 * @param fingerprint a stable hash of the labels except {@code severity}, shared by every instance
 * @param repeat whether this is a repeat notification of a still-firing alert
 */
public record Alert(String rule, AlertState state, Severity severity, Map<String, String> labels,
                    Map<String, String> annotations, double value, Instant startsAt, Optional<Instant> endsAt,
                    String fingerprint, boolean repeat) {

    /** Validates and copies. */
    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(severity, "severity");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The one-line summary. */
    public String summary() {
        return annotations.getOrDefault("summary", rule);
    }

    /** A copy in another state (resolution, repeat). */
    Alert with(AlertState newState, Optional<Instant> newEndsAt, boolean isRepeat) {
        return new Alert(rule, newState, severity, labels, annotations, value, startsAt, newEndsAt, fingerprint,
                isRepeat);
    }
}
