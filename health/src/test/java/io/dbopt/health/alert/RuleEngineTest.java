package io.dbopt.health.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.component.Health;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The alert state machine on a scripted clock: for-duration, one notification per firing, repeat, resolve, cooldown. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RuleEngineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Series values and check results the test sets. */
    private static final class Input implements RuleInput {
        final Map<String, Double> metrics = new HashMap<>();
        final Map<String, Health> checks = new HashMap<>();

        @Override
        public OptionalDouble metric(String series) {
            Double v = metrics.get(series);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }

        @Override
        public Optional<Health> check(String name) {
            return Optional.ofNullable(checks.get(name));
        }
    }

    private static RuleEngine engine(AlertRule rule, Duration cooldown) {
        return new RuleEngine(List.of(rule), Map.of("instance", "db:5432/app"), cooldown, Duration.ofHours(4));
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void firesOnlyAfterTheConditionHeldForTheForDurationThenOnce() {
        AlertRule rule = AlertRule.onMetric("busy", "sessions_active").above(10).forDuration(Duration.ofSeconds(30))
                .build();
        RuleEngine engine = engine(rule, Duration.ZERO);
        Input in = new Input();
        in.metrics.put("sessions_active", 20.0);

        assertThat(engine.evaluate(at(0), in)).isEmpty();
        assertThat(engine.stateOf("busy")).contains(AlertState.PENDING);
        assertThat(engine.evaluate(at(29), in)).isEmpty();
        List<Alert> fired = engine.evaluate(at(30), in);
        assertThat(fired).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.labels()).containsEntry("alertname", "busy").containsEntry("severity", "warning")
                    .containsEntry("instance", "db:5432/app");
            assertThat(a.annotations().get("description")).contains("sessions_active is 20");
        });
        assertThat(engine.evaluate(at(40), in)).isEmpty();
        assertThat(engine.evaluate(at(3600), in)).isEmpty();
    }

    @Test
    void aConditionThatStopsBeforeTheForDurationNeverFires() {
        AlertRule rule = AlertRule.onMetric("busy", "x").above(1).forDuration(Duration.ofSeconds(30)).build();
        RuleEngine engine = engine(rule, Duration.ZERO);
        Input in = new Input();
        in.metrics.put("x", 5.0);
        engine.evaluate(at(0), in);
        in.metrics.put("x", 0.0);
        assertThat(engine.evaluate(at(10), in)).isEmpty();
        in.metrics.put("x", 5.0);
        assertThat(engine.evaluate(at(20), in)).isEmpty();
        assertThat(engine.evaluate(at(49), in)).as("the pending time restarted at 20 s").isEmpty();
        assertThat(engine.evaluate(at(50), in)).hasSize(1);
    }

    @Test
    void resolvesOnceAndKeepsStateWhileTheInputIsMissing() {
        AlertRule rule = AlertRule.onMetric("lag", "replication_lag").above(30).build();
        RuleEngine engine = engine(rule, Duration.ZERO);
        Input in = new Input();
        in.metrics.put("replication_lag", 60.0);
        assertThat(engine.evaluate(at(0), in)).hasSize(1);
        in.metrics.clear();
        assertThat(engine.evaluate(at(10), in)).as("no value: no change").isEmpty();
        assertThat(engine.stateOf("lag")).contains(AlertState.FIRING);
        in.metrics.put("replication_lag", 1.0);
        List<Alert> resolved = engine.evaluate(at(20), in);
        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.startsAt()).isEqualTo(at(0));
            assertThat(a.endsAt()).contains(at(20));
        });
        assertThat(engine.evaluate(at(30), in)).isEmpty();
        assertThat(engine.active()).isEmpty();
    }

    @Test
    void aFlappingConditionStaysQuietDuringTheCooldown() {
        AlertRule rule = AlertRule.onMetric("flap", "x").above(0).build();
        RuleEngine engine = engine(rule, Duration.ofMinutes(5));
        Input in = new Input();
        int notifications = 0;
        for (int s = 0; s < 240; s += 10) {
            in.metrics.put("x", (s / 10) % 2 == 0 ? 1.0 : 0.0);
            notifications += engine.evaluate(at(s), in).size();
        }
        assertThat(notifications).as("one firing and one resolution in four minutes of flapping").isEqualTo(2);
        in.metrics.put("x", 1.0);
        assertThat(engine.evaluate(at(310), in)).as("fires again after the cooldown").hasSize(1);
    }

    @Test
    void repeatsAStillFiringAlertAfterTheRepeatInterval() {
        AlertRule rule = AlertRule.onMetric("lag", "x").above(0).build();
        RuleEngine engine = new RuleEngine(List.of(rule), Map.of(), Duration.ZERO, Duration.ofMinutes(10));
        Input in = new Input();
        in.metrics.put("x", 1.0);
        assertThat(engine.evaluate(at(0), in)).hasSize(1);
        assertThat(engine.evaluate(at(599), in)).isEmpty();
        assertThat(engine.evaluate(at(600), in)).singleElement().satisfies(a -> {
            assertThat(a.repeat()).isTrue();
            assertThat(a.startsAt()).isEqualTo(at(0));
        });
    }

    @Test
    void aCheckRuleTakesTheCheckSeverityAndMessage() {
        RuleEngine engine = engine(AlertRule.onCheck("sequences").build(), Duration.ZERO);
        Input in = new Input();
        Finding f = Finding.builder("health.sequences", Severity.ERROR).object(DbObject.table("t"))
                .message("Sequence s has used 96.0 % of its range").build();
        in.checks.put("sequences", Health.builder("sequences").finding(f).build());
        assertThat(engine.evaluate(at(0), in)).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("health.sequences");
            assertThat(a.severity()).isEqualTo(Severity.ERROR);
            assertThat(a.annotations().get("description")).isEqualTo(f.message());
        });
        in.checks.put("sequences", Health.up("sequences"));
        assertThat(engine.evaluate(at(10), in)).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    void theFingerprintIgnoresSeverityAndIsTheSameOnEveryInstance() {
        RuleEngine a = engine(AlertRule.onCheck("database").build(), Duration.ZERO);
        RuleEngine b = engine(AlertRule.onCheck("database").build(), Duration.ZERO);
        Input down = new Input();
        down.checks.put("database", Health.down("database", "refused"));
        Input slow = new Input();
        slow.checks.put("database", Health.builder("database").status(io.dbopt.core.component.HealthStatus.DEGRADED)
                .build());
        Alert fromA = a.evaluate(at(0), down).get(0);
        Alert fromB = b.evaluate(at(0), slow).get(0);
        assertThat(fromA.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fromB.severity()).isEqualTo(Severity.WARNING);
        assertThat(fromA.fingerprint()).isEqualTo(fromB.fingerprint());
    }

    @Test
    void refusesTwoRulesWithOneNameAndReservedLabels() {
        AlertRule r = AlertRule.onMetric("x", "y").above(1).build();
        assertThatThrownBy(() -> new RuleEngine(List.of(r, r), Map.of(), Duration.ZERO, Duration.ofHours(1)))
                .hasMessageContaining("Two alert rules are named x");
        assertThatThrownBy(() -> AlertRule.onMetric("x", "y").label("severity", "high"))
                .hasMessageContaining("set by the alert manager");
        assertThatThrownBy(() -> AlertRule.onMetric("bad name", "y")).hasMessageContaining("bad name");
        assertThatThrownBy(() -> AlertRule.onCheck("long-queries").above(1)).isInstanceOf(IllegalStateException.class);
    }
}
