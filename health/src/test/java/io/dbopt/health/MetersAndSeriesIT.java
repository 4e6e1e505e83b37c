package io.dbopt.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.health.series.TimeSeries;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;

/**
 * The performance monitor's series are bounded and published through core's metrics facade: with a registry bound,
 * every meter of {@link HealthMeters} appears under its documented name.
 */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetersAndSeriesIT {

    @DialectTest
    void keepsBoundedSeriesAndPublishesTheDocumentedMeters(TestDatabase db) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        db.execute("CREATE TABLE hits (id int PRIMARY KEY)");
        try (DatabaseHealthMonitor monitor = DatabaseHealthMonitor.builder()
                .config(HealthTests.config(db, Map.of("health.history", "3", "health.checks", "connections")))
                .attach(new FixedComponent()).meterRegistry(registry).build()) {
            for (int i = 0; i < 5; i++) {
                db.execute("INSERT INTO hits VALUES (" + i + ")");
                monitor.checkNow();
            }
            TimeSeries tps = monitor.performance().series("tps").orElseThrow();
            assertThat(tps.points()).as("bounded to health.history").hasSize(3);
            assertThat(tps.points().get(0).at()).isBefore(tps.points().get(2).at());
            assertThat(tps.unit()).isEqualTo("per_second");
            assertThat(monitor.performance().series("cache.hit_rate").orElseThrow().latestValue()).hasValue(0.75);
            assertThat(monitor.performance().latest("slow_queries").orElse(0))
                    .as("the profiler's slow statements since the previous cycle count as slow queries")
                    .isGreaterThanOrEqualTo(3);

            Set<String> names = registry.getMeters().stream().map(m -> m.getId().getName())
                    .collect(Collectors.toSet());
            assertThat(names).contains(HealthMeters.STATUS, HealthMeters.CYCLE, HealthMeters.PROBE,
                    HealthMeters.SERVER, HealthMeters.COMPONENT, HealthMeters.ALERT_STATE);
            Meter tpsGauge = registry.find(HealthMeters.SERVER).tag("series", "tps").meter();
            assertThat(tpsGauge).isNotNull();
            assertThat(registry.find(HealthMeters.COMPONENT).tags("component", "cache", "value", "hit_rate").gauge()
                    .value()).isEqualTo(0.75);
            assertThat(registry.find(HealthMeters.STATUS).tag("part", "database").gauge().value()).isZero();
            assertThat(monitor.metrics().cycles()).isEqualTo(5);
            assertThat(monitor.metrics().values()).containsKeys("status", "cycles", "probe_latency_ms");
        }
        assertThat(registry.find(HealthMeters.SERVER).meters()).as("removed on close").isEmpty();
    }

    /** A component with fixed numbers, as the query cache would report them. */
    private static final class FixedComponent implements io.dbopt.core.component.DbOptComponent<FixedComponent.Values> {
        private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        record Values(java.time.Instant at, Map<String, Number> values)
                implements io.dbopt.core.component.ComponentMetrics {
        }

        @Override
        public String componentName() {
            return "cache";
        }

        @Override
        public Values metrics() {
            // a profiler's cumulative count of slow statements: three more each cycle
            return new Values(java.time.Instant.now(), Map.of("hit_rate", 0.75, "entries", 12,
                    "slow_statements", 3 * calls.incrementAndGet()));
        }

        @Override
        public io.dbopt.core.component.Health healthCheck() {
            return io.dbopt.core.component.Health.up("cache");
        }

        @Override
        public void close() {
        }
    }
}
