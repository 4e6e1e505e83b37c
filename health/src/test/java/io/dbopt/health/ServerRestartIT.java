package io.dbopt.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.health.alert.Alert;
import io.dbopt.health.alert.AlertState;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DedicatedServer;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;

/**
 * A database that stops: the started monitor reports it DOWN (refused) within its deadline, raises the database
 * alert once, and reports UP within one interval of the restart, resolving the alert once. The server is an embedded
 * one of this test's own ({@link DedicatedServer}); the shared servers are never stopped.
 */
@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServerRestartIT {

    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    @DialectTest
    void reportsAStoppedDatabaseDownAndUpAgainAfterTheRestart(TestDialect dialect) {
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        try (DedicatedServer server = dialect == TestDialect.POSTGRESQL ? DedicatedServer.startPostgres()
                : DedicatedServer.startMariaDb();
             TestDatabase db = server.createDatabase("restart");
             DatabaseHealthMonitor monitor = DatabaseHealthMonitor.builder()
                     .config(HealthTests.config(db, Map.of("health.interval", INTERVAL.toMillis() + "ms",
                             "health.timeout", DEADLINE.toMillis() + "ms", "health.checks", "connections",
                             "alerts.checks.for", "0s", "alerts.cooldown", "0s")))
                     .onAlert(alerts::add).build().start()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> database(monitor).status() == HealthStatus.UP);

            server.stop();
            long stoppedAt = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> database(monitor).status() == HealthStatus.DOWN);
            Duration detectedAfter = Duration.ofNanos(System.nanoTime() - stoppedAt);
            assertThat(database(monitor).details()).containsEntry("reason", "refused");
            assertThat(detectedAfter).isLessThan(INTERVAL.plus(DEADLINE).plus(Duration.ofSeconds(1)));

            server.start();
            long startedAt = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> database(monitor).status() == HealthStatus.UP);
            Duration recoveredAfter = Duration.ofNanos(System.nanoTime() - startedAt);
            assertThat(recoveredAfter).isLessThan(INTERVAL.plus(DEADLINE).plus(Duration.ofSeconds(1)));

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> alerts.stream()
                    .filter(a -> a.rule().equals("health.database")).count() == 2);
            List<Alert> database = alerts.stream().filter(a -> a.rule().equals("health.database")).toList();
            assertThat(database.get(0).state()).isEqualTo(AlertState.FIRING);
            assertThat(database.get(0).labels()).containsEntry("severity", "critical");
            assertThat(database.get(1).state()).isEqualTo(AlertState.RESOLVED);
        }
    }

    private static Health database(DatabaseHealthMonitor monitor) {
        return monitor.healthCheck().components().get("database");
    }
}
