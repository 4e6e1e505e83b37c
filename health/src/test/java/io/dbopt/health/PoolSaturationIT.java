package io.dbopt.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.health.alert.Alert;
import io.dbopt.health.alert.AlertState;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;

/**
 * The case a health check that borrows from the application's pool gets wrong: every pool connection is held and a
 * caller waits. A Spring DataSourceHealthIndicator-style check (borrow, {@code isValid}) blocks for the whole pool
 * timeout and then calls the database DOWN; the monitor answers within its deadline that the database is UP and the
 * pool is saturated, and its pool-exhausted alert fires.
 */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolSaturationIT {

    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(3);

    /** The peer: what Spring Boot's DataSourceHealthIndicator does, borrow from the application pool and validate. */
    static HealthStatus borrowAndValidate(DataSource applicationPool) {
        try (Connection c = applicationPool.getConnection()) {
            return c.isValid(1) ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (SQLException | RuntimeException e) {
            return HealthStatus.DOWN;
        }
    }

    @DialectTest
    void saysPoolSaturatedNotDatabaseDownWithinItsDeadline(TestDatabase db) throws Exception {
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        ExecutorService waiters = Executors.newSingleThreadExecutor();
        ConnectionPoolManager.Builder pb = ConnectionPoolManager.builder().poolName("app")
                .jdbcUrl(HealthTests.url(db)).username(db.user()).poolSize(2).maxOverflow(0)
                .poolTimeout(POOL_TIMEOUT).healthCheckInterval(Duration.ZERO);
        if (!db.password().isEmpty()) {
            pb.password(db.password());
        }
        try (ConnectionPoolManager pool = pb.build();
             DatabaseHealthMonitor monitor = DatabaseHealthMonitor.builder()
                     .config(HealthTests.config(db, Map.of("health.timeout", "2s", "health.checks", "connections",
                             "alerts.pool_exhausted.for", "0s")))
                     .attach(pool).onAlert(alerts::add).build();
             Connection held1 = pool.dataSource().getConnection();
             Connection held2 = pool.dataSource().getConnection()) {
            // a caller queues for a connection, as application threads do under load
            Future<HealthStatus> queued = waiters.submit(() -> borrowAndValidate(pool.dataSource()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> pool.metrics().pending() > 0);

            long t0 = System.nanoTime();
            Health ours = monitor.checkNow();
            Duration oursTook = Duration.ofNanos(System.nanoTime() - t0);

            long t1 = System.nanoTime();
            HealthStatus peer = borrowAndValidate(pool.dataSource());
            Duration peerTook = Duration.ofNanos(System.nanoTime() - t1);

            assertThat(peer).as("borrow-and-validate calls the database down").isEqualTo(HealthStatus.DOWN);
            assertThat(peerTook).as("and waits the whole pool timeout").isGreaterThanOrEqualTo(
                    POOL_TIMEOUT.minusMillis(100));

            // within its own deadline (2 s, plus scheduling slack on a loaded machine), before the pool timeout
            assertThat(oursTook).isLessThan(Duration.ofMillis(2500));
            assertThat(ours.components().get("database").status()).isEqualTo(HealthStatus.UP);
            Health app = ours.components().get("pool");
            assertThat(app.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(app.details()).containsEntry("saturated", true).containsEntry("in_use", 2L);
            // the dbopt pool judges its own saturation; the monitor keeps its finding and adds the numbers
            assertThat(app.findings()).anySatisfy(f -> assertThat(f.check().value()).isEqualTo("pool.saturated"));
            assertThat(monitor.alerts().awaitDispatch(Duration.ofSeconds(5))).isTrue();
            assertThat(alerts).filteredOn(a -> a.rule().equals("pool-exhausted")).singleElement()
                    .satisfies(a -> {
                        assertThat(a.state()).isEqualTo(AlertState.FIRING);
                        assertThat(a.labels()).containsEntry("component", "pool").containsEntry("severity", "error");
                    });
            queued.get(10, TimeUnit.SECONDS);
        } finally {
            waiters.shutdownNow();
        }
    }
}
