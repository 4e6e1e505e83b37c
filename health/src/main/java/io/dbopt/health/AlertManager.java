package io.dbopt.health;

import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.health.alert.Alert;
import io.dbopt.health.alert.AlertRule;
import io.dbopt.health.alert.AlertSink;
import io.dbopt.health.alert.AlertState;
import io.dbopt.health.alert.DeliveryListener;
import io.dbopt.health.alert.Dispatcher;
import io.dbopt.health.alert.RuleEngine;
import io.dbopt.health.alert.RuleInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluates the alert rules after every check cycle and sends what they decide: an alert fires once its condition
 * has held for the rule's for-duration, is sent again only after {@code alerts.repeat_interval}, resolves (sent
 * once) when the condition stops, and stays quiet for {@code alerts.cooldown} after resolving. Notifications leave
 * on the manager's own thread through the sinks (SLF4J, webhook, callbacks), after the instances sharing the rules
 * agreed which of them sends ({@code alerts.coordination}); the monitor never waits for a sink. Each rule's state is
 * published as the gauge {@value HealthMeters#ALERT_STATE}. Thread-safe.
 */
public final class AlertManager implements AutoCloseable {

    private final RuleEngine engine;
    private final Dispatcher dispatcher;
    private final Counts counts;

    /** Notification counts by outcome, also published as counters. */
    static final class Counts implements DeliveryListener {
        private final MetricsRecorder metrics;
        private final Map<String, MetricsRecorder.Counter> counters = new ConcurrentHashMap<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();

        Counts(MetricsRecorder metrics) {
            this.metrics = metrics;
        }

        @Override
        public void outcome(String sink, Outcome outcome) {
            switch (outcome) {
                case SENT -> sent.incrementAndGet();
                case FAILED -> failed.incrementAndGet();
                case DROPPED -> dropped.incrementAndGet();
                case SKIPPED -> { }
            }
            String tagSink = sink.equals("*") ? "any" : sink;
            String tagOutcome = outcome.name().toLowerCase(java.util.Locale.ROOT);
            counters.computeIfAbsent(tagSink + "/" + tagOutcome, k -> metrics.counter(HealthMeters.NOTIFICATIONS,
                    "Alert notifications by sink and outcome", "sink", tagSink, "outcome", tagOutcome)).increment();
        }
    }

    AlertManager(RuleEngine engine, Dispatcher dispatcher, Counts counts, MetricsRecorder metrics) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.counts = counts;
        for (AlertRule rule : engine.rules()) {
            metrics.gauge(HealthMeters.ALERT_STATE, "Where an alert rule stands: 0 inactive, 1 pending, 2 firing", "",
                    () -> engine.stateOf(rule.name()).map(s -> s == AlertState.FIRING ? 2 : 1).orElse(0),
                    "alert", rule.name());
        }
    }

    /** The rules, in order. */
    public List<AlertRule> rules() {
        return engine.rules();
    }

    /** The sinks, in order. */
    public List<AlertSink> sinks() {
        return dispatcher.sinks();
    }

    /** The alerts pending or firing now. */
    public List<Alert> active() {
        return engine.active();
    }

    /** Where a rule's alert stands; empty when inactive or when there is no such rule. */
    public Optional<AlertState> stateOf(String rule) {
        return engine.stateOf(rule);
    }

    /**
     * Waits until every notification decided so far has been handed to the sinks (the webhook sink then posts on its
     * own thread); for tests and orderly shutdown.
     */
    public boolean awaitDispatch(Duration timeout) throws InterruptedException {
        return dispatcher.awaitIdle(timeout);
    }

    long sent() {
        return counts.sent.get();
    }

    long failed() {
        return counts.failed.get();
    }

    long dropped() {
        return counts.dropped.get();
    }

    /** Evaluates every rule and queues what they decided to send. */
    void evaluate(Instant now, RuleInput input) {
        for (Alert a : engine.evaluate(now, input)) {
            dispatcher.submit(a);
        }
    }

    /** Sends what is queued (waiting a few seconds at most) and closes the sinks and the coordinator. */
    @Override
    public void close() {
        dispatcher.close();
    }
}
