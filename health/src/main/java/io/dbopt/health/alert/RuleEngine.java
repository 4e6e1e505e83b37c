package io.dbopt.health.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Evaluates alert rules and decides what to notify: an alert goes PENDING when its condition holds, FIRING once it
 * has held for the rule's for-duration (notified once), is notified again only after the repeat interval while it
 * keeps firing, and RESOLVED (notified once) when the condition stops holding. After a resolution the same alert
 * does not fire again within the cooldown, so a flapping condition sends one notification, not one per cycle. A
 * rule whose input has no value keeps its state. Thread-safe (evaluation and reads are serialised).
 */
public final class RuleEngine {

    private final List<AlertRule> rules;
    private final Map<String, String> commonLabels;
    private final Duration cooldown;
    private final Duration repeatInterval;
    private final Map<String, RuleState> states = new LinkedHashMap<>();

    /** Per rule: where it stands and when it got there. */
    private static final class RuleState {
        AlertState state;
        Instant pendingSince;
        Instant lastSent;
        Instant resolvedAt;
        Alert current;
    }

    /**
     * An engine for {@code rules} (names must be unique).
     *
     * @param commonLabels labels every alert carries ({@code instance}, the user's)
     */
    public RuleEngine(List<AlertRule> rules, Map<String, String> commonLabels, Duration cooldown,
                      Duration repeatInterval) {
        this.rules = List.copyOf(rules);
        this.commonLabels = Map.copyOf(commonLabels);
        this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
        this.repeatInterval = Objects.requireNonNull(repeatInterval, "repeatInterval");
        for (AlertRule r : this.rules) {
            if (states.put(r.name(), new RuleState()) != null) {
                throw new IllegalArgumentException("Two alert rules are named " + r.name() + ": rule names must be "
                        + "unique");
            }
        }
    }

    /** The rules, in order. */
    public List<AlertRule> rules() {
        return rules;
    }

    /** Evaluates every rule at {@code now} and returns the notifications to send, in rule order. */
    public synchronized List<Alert> evaluate(Instant now, RuleInput input) {
        List<Alert> out = new ArrayList<>();
        for (AlertRule rule : rules) {
            Optional<Observation> seen;
            try {
                seen = rule.observe(input);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Alert rule " + rule.name() + " could not be evaluated", e);
            }
            seen.ifPresent(o -> step(rule, states.get(rule.name()), o, now).ifPresent(out::add));
        }
        return out;
    }

    private Optional<Alert> step(AlertRule rule, RuleState s, Observation o, Instant now) {
        if (!o.active()) {
            AlertState was = s.state;
            s.state = null;
            s.pendingSince = null;
            if (was == AlertState.FIRING) {
                s.resolvedAt = now;
                Alert resolved = s.current.with(AlertState.RESOLVED, Optional.of(now), false);
                s.current = null;
                return Optional.of(resolved);
            }
            s.current = null;
            return Optional.empty();
        }
        if (s.state == null) {
            s.state = AlertState.PENDING;
            s.pendingSince = now;
        }
        if (s.state == AlertState.PENDING) {
            s.current = alert(rule, o, AlertState.PENDING, s.pendingSince);
            boolean held = !now.isBefore(s.pendingSince.plus(rule.forDuration()));
            boolean cooled = s.resolvedAt == null || !now.isBefore(s.resolvedAt.plus(cooldown));
            if (held && cooled) {
                s.state = AlertState.FIRING;
                s.lastSent = now;
                s.current = alert(rule, o, AlertState.FIRING, now);
                return Optional.of(s.current);
            }
            return Optional.empty();
        }
        s.current = alert(rule, o, AlertState.FIRING, s.current.startsAt());
        if (!now.isBefore(s.lastSent.plus(repeatInterval))) {
            s.lastSent = now;
            return Optional.of(s.current.with(AlertState.FIRING, Optional.empty(), true));
        }
        return Optional.empty();
    }

    /** The alerts pending or firing now. */
    public synchronized List<Alert> active() {
        List<Alert> out = new ArrayList<>();
        for (RuleState s : states.values()) {
            if (s.current != null) {
                out.add(s.current);
            }
        }
        return out;
    }

    /** Where a rule's alert stands; empty when it is inactive. */
    public synchronized Optional<AlertState> stateOf(String rule) {
        RuleState s = states.get(rule);
        return s == null ? Optional.empty() : Optional.ofNullable(s.state);
    }

    private Alert alert(AlertRule rule, Observation o, AlertState state, Instant startsAt) {
        Map<String, String> labels = new TreeMap<>(commonLabels);
        labels.putAll(rule.labels());
        labels.put("alertname", rule.name());
        String fingerprint = fingerprint(labels);
        labels.put("severity", o.severity().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, String> annotations = Map.of("summary", rule.summary(), "description", o.description());
        return new Alert(rule.name(), state, o.severity(), labels, annotations, o.value(), startsAt, Optional.empty(),
                fingerprint, false);
    }

    /** A hash of the sorted labels (without severity): the same alert on every instance gets the same one. */
    static String fingerprint(Map<String, String> labels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(labels).forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
