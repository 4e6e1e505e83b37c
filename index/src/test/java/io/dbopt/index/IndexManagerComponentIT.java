package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IndexManagerComponentIT {

    @BeforeEach
    void plant(TestDatabase db) {
        Planted.orders(db, 2_000);
    }

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS orders");
    }

    @DialectTest
    void readsItsSettingsFromTheConfigurationAndCountsWhatItDoesInMetricsAndMeters(TestDatabase db) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DbOptConfig config = DbOptConfig.of(Map.of("index.max_recommendations", 2, "index.lock_timeout", "3s"));
        IndexManager manager = IndexManager.builder(db.dataSource()).config(config).meterRegistry(registry)
                .workload(Workload.builder().add(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE, 500, Duration.ofSeconds(5))
                        .build()).build();
        assertThat(manager.options().maxRecommendations()).isEqualTo(2);
        assertThat(manager.options().lockTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(manager.metrics().analyses()).isZero();

        IndexReport report = manager.analyze();
        ApplyResult created = manager.apply(report.recommendations().recommendations().get(0));

        IndexMetrics m = manager.metrics();
        assertThat(m.analyses()).isOne();
        assertThat(m.checksRun()).isGreaterThan(3);
        assertThat(m.checksFailed()).isZero();
        assertThat(m.recommendations()).isEqualTo(report.recommendations().recommendations().size());
        assertThat(m.whatIfEvaluations()).isPositive();
        assertThat(m.indexesCreated()).isOne();
        assertThat(m.values()).containsEntry("indexes_created", 1L).containsKey("whatif_evaluations");
        assertThat(created.action()).isEqualTo(ApplyResult.Action.CREATED);
        assertThat(registry.get(IndexMeters.ANALYSIS).timer().count()).isOne();
        assertThat(registry.get(IndexMeters.DDL).tag("operation", "create").tag("outcome", "created").counter()
                .count()).isOne();
        assertThat(registry.get(IndexMeters.CHECKS).tag("outcome", "ok").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(m.checksRun());
        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
                .allMatch(name -> name.startsWith("dbopt.index."));

        manager.close();
        assertThat(registry.getMeters()).extracting(Meter::getId).isEmpty();
    }

    @DialectTest
    void healthIsUpOnAHealthySchema(TestDatabase db) {
        try (IndexManager manager = IndexManager.create(DbOptConfig.empty(), db.dataSource())) {
            Health h = manager.healthCheck();

            assertThat(h.status()).isEqualTo(HealthStatus.UP);
            assertThat(h.component()).isEqualTo("index");
            assertThat(h.details()).containsEntry("invalid_indexes", 0);
            assertThat(manager.metrics().healthChecks()).isOne();
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void anInvalidIndexDegradesHealthWithItsFinding(TestDatabase db) {
        try (IndexManager manager = IndexManager.create(DbOptConfig.empty(), db.dataSource())) {
            assertThat(manager.healthCheck().status()).isEqualTo(HealthStatus.UP);
            assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY orders_customer_uq ON orders "
                    + "(customer_id)")).isInstanceOf(IllegalStateException.class);

            Health h = manager.healthCheck();

            assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(h.findings()).extracting(f -> f.check().value()).containsExactly("index.invalid");
            assertThat(h.findings().get(0).object().name()).contains("orders_customer_uq");
        }
    }

    @DialectTest
    void healthIsDownWithoutThrowingWhenTheDatabaseCannotBeReached(TestDatabase db) {
        String url = db.dialect() instanceof io.dbopt.core.PostgresDialect
                ? "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1"
                : "jdbc:mariadb://127.0.0.1:1/nowhere?connectTimeout=1000";
        try (IndexManager manager = IndexManager.create(DbOptConfig.of(Map.of("database_url", url,
                "database.user", "nobody")))) {
            Health h = manager.healthCheck();

            assertThat(h.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(h.details()).containsKey("error");
            assertThat(h.details().get("error").toString()).doesNotContain("password");
        }
    }
}
