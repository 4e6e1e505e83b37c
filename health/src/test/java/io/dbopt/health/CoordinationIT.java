package io.dbopt.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.health.alert.Alert;
import io.dbopt.health.alert.AlertState;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Two application instances watching one database raise the same alert: without coordination both send it; with
 * coordination through the database or Redis it is sent once, and its resolution once.
 */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CoordinationIT {

    private List<Alert> run(TestDatabase db, TestDialect dialect, String table, Map<String, String> coordination)
            throws Exception {
        List<Alert> sent = new CopyOnWriteArrayList<>();
        Map<String, Object> settings = new HashMap<>(Map.of("health.checks", "sequences", "alerts.checks.for", "0s",
                "alerts.cooldown", "0s", "alerts.coordination_table", "dbopt_alerts_" + table));
        settings.putAll(coordination);
        if (dialect == TestDialect.POSTGRESQL) {
            db.execute("CREATE TABLE " + table + " (id smallserial PRIMARY KEY)",
                    "SELECT setval('" + table + "_id_seq', 32000)");
        } else {
            db.execute("CREATE TABLE " + table + " (id tinyint AUTO_INCREMENT PRIMARY KEY)",
                    "INSERT INTO " + table + " VALUES (125)");
        }
        try (DatabaseHealthMonitor a = DatabaseHealthMonitor.builder().config(HealthTests.config(db, settings))
                .name("instance-a").onAlert(sent::add).build();
             DatabaseHealthMonitor b = DatabaseHealthMonitor.builder().config(HealthTests.config(db, settings))
                     .name("instance-b").onAlert(sent::add).build()) {
            a.checkNow();
            b.checkNow();
            assertThat(a.alerts().awaitDispatch(Duration.ofSeconds(10))).isTrue();
            assertThat(b.alerts().awaitDispatch(Duration.ofSeconds(10))).isTrue();
            db.execute(dialect == TestDialect.POSTGRESQL ? "ALTER TABLE " + table + " ALTER COLUMN id TYPE bigint"
                    : "ALTER TABLE " + table + " MODIFY id bigint AUTO_INCREMENT");
            if (dialect == TestDialect.POSTGRESQL) {
                db.execute("ALTER SEQUENCE " + table + "_id_seq AS bigint");
            }
            b.checkNow();
            a.checkNow();
            assertThat(a.alerts().awaitDispatch(Duration.ofSeconds(10))).isTrue();
            assertThat(b.alerts().awaitDispatch(Duration.ofSeconds(10))).isTrue();
        }
        return sent.stream().filter(x -> x.rule().equals("health.sequences")).toList();
    }

    private static long count(List<Alert> alerts, AlertState state) {
        return alerts.stream().filter(a -> a.state() == state).count();
    }

    @DialectTest
    void withoutCoordinationEachInstanceSends(TestDatabase db, TestDialect dialect) throws Exception {
        List<Alert> sent = run(db, dialect, "uncoordinated", Map.of());
        assertThat(count(sent, AlertState.FIRING)).isEqualTo(2);
        assertThat(count(sent, AlertState.RESOLVED)).isEqualTo(2);
    }

    @DialectTest
    void throughTheDatabaseAnAlertIsSentOnceAndResolvedOnce(TestDatabase db, TestDialect dialect) throws Exception {
        List<Alert> sent = run(db, dialect, "viadb", Map.of("alerts.coordination", "database"));
        assertThat(count(sent, AlertState.FIRING)).as(sent.toString()).isEqualTo(1);
        assertThat(count(sent, AlertState.RESOLVED)).as(sent.toString()).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM dbopt_alerts_viadb WHERE state = 'resolved'")).isEqualTo(1);
    }

    @DialectTest
    void throughRedisAnAlertIsSentOnceAndResolvedOnce(TestDatabase db, TestDialect dialect) throws Exception {
        List<Alert> sent = run(db, dialect, "viaredis", Map.of("alerts.coordination", "redis",
                "alerts.redis_url", "redis://127.0.0.1:6379/0"));
        assertThat(count(sent, AlertState.FIRING)).as(sent.toString()).isEqualTo(1);
        assertThat(count(sent, AlertState.RESOLVED)).as(sent.toString()).isEqualTo(1);
    }
}
