package io.dbopt.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthJson;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.health.check.CheckKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The checker on a healthy database: every check answers, and the answer is in the actuator's shape. */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthCheckerIT {

    @DialectTest
    void answersUpWithEveryCheckAsAPart(TestDatabase db, TestDialect dialect) throws Exception {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, note varchar(40))");
        try (DatabaseHealthMonitor monitor = DatabaseHealthMonitor.create(HealthTests.config(db, Map.of()))) {
            Health h = monitor.checkNow();

            Health database = h.components().get("database");
            assertThat(database.status()).as(database.toString()).isEqualTo(HealthStatus.UP);
            assertThat(database.details()).containsEntry("reachable", true).containsKey("latency");
            for (CheckKind kind : CheckKind.values()) {
                if (kind == CheckKind.CONNECTIVITY || kind == CheckKind.LATENCY || kind == CheckKind.COMPONENTS) {
                    continue;
                }
                assertThat(h.components()).as("part " + kind.id()).containsKey(kind.id());
                Health part = h.components().get(kind.id());
                assertThat(part.details()).as(kind.id()).doesNotContainKey("error").doesNotContainKey("not_run");
            }
            // concepts one server does not have say so instead of answering for nothing
            String notApplicable = dialect == TestDialect.POSTGRESQL ? "history-list" : "wraparound";
            assertThat(h.components().get(notApplicable).details()).containsKey("not_applicable");

            JsonNode json = new ObjectMapper().readTree(HealthJson.write(h));
            assertThat(json.get("status").asText()).isIn("UP", "DEGRADED");
            assertThat(json.at("/components/database/status").asText()).isEqualTo("UP");
            assertThat(json.at("/components/database/details/latency_ms").isNumber()).isTrue();
            assertThat(json.at("/components/connections/details/max_connections").asLong()).isPositive();
        }
    }

    @DialectTest
    void readsRatesFromTheSecondCycleOn(TestDatabase db) {
        try (DatabaseHealthMonitor monitor = DatabaseHealthMonitor.create(HealthTests.config(db, Map.of()))) {
            Health first = monitor.checkNow();
            assertThat(first.components().get("deadlocks").details()).containsKey("rate");
            db.execute("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");
            Health second = monitor.checkNow();
            assertThat(second.components().get("deadlocks").details()).containsKey("per_minute");
            assertThat(monitor.performance().seriesNames()).contains("tps", "commits_per_second",
                    "sessions_active", "probe_latency", "status", "slow_queries");
            assertThat(monitor.performance().latest("tps")).isPresent();
        }
    }
}
