package io.dbopt.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.proxy.FaultMode;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;

/**
 * A database that hangs (blackholed by the fault proxy) or answers slowly: the started monitor reports DOWN or
 * DEGRADED within its deadline, its healthCheck() never blocks, it never borrows from the application pool, and it
 * reports UP within one interval of recovery.
 */
@DbTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OutageIT {

    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    private static ConnectionPoolManager pool(TestDatabase db, TcpFaultProxy proxy) {
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().poolName("app")
                .jdbcUrl(HealthTests.url(db, proxy)).username(db.user()).poolSize(2).maxOverflow(0)
                .poolTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5)).healthCheckInterval(Duration.ZERO);
        if (!db.password().isEmpty()) {
            b.password(db.password());
        }
        return b.build();
    }

    private static DatabaseHealthMonitor monitor(TestDatabase db, TcpFaultProxy proxy, ConnectionPoolManager pool,
                                                 Map<String, ?> extra) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("health.interval", INTERVAL.toMillis() + "ms",
                "health.timeout", DEADLINE.toMillis() + "ms", "health.connect_timeout", "1s",
                "health.statement_timeout", "900ms", "health.checks", "connections,long-queries"));
        settings.putAll(extra);
        return DatabaseHealthMonitor.builder().config(HealthTests.config(db, HealthTests.url(db, proxy), settings))
                .attach(pool).build();
    }

    private static Health database(DatabaseHealthMonitor monitor, AtomicLong slowestCallNanos) {
        long t0 = System.nanoTime();
        Health h = monitor.healthCheck();
        slowestCallNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
        return h.components().get("database");
    }

    @DialectTest
    void aKeptConnectionDroppedWhileIdleIsReplacedInsteadOfReportingTheDatabaseDown(TestDatabase db) {
        try (TcpFaultProxy proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
             ConnectionPoolManager pool = pool(db, proxy);
             DatabaseHealthMonitor monitor = monitor(db, proxy, pool, Map.of())) {
            assertThat(monitor.checkNow().components().get("database").status()).isEqualTo(HealthStatus.UP);
            long opened = proxy.acceptedConnections();
            proxy.cutAll(); // the checker's idle connection (and the pool's) go away; the database still answers
            Health after = monitor.checkNow().components().get("database");
            assertThat(after.status()).isEqualTo(HealthStatus.UP); // was DOWN: "An I/O error occurred ..."
            assertThat(proxy.acceptedConnections()).isGreaterThan(opened);
            proxy.setMode(FaultMode.CLOSE); // a database that really refuses is still DOWN, retried or not
            proxy.cutAll();
            assertThat(monitor.checkNow().components().get("database").status()).isEqualTo(HealthStatus.DOWN);
        }
    }

    @DialectTest
    void reportsAHungDatabaseDownWithinTheDeadlineAndUpAfterRecovery(TestDatabase db) {
        AtomicLong slowestCall = new AtomicLong();
        try (TcpFaultProxy proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
             ConnectionPoolManager pool = pool(db, proxy);
             DatabaseHealthMonitor monitor = monitor(db, proxy, pool, Map.of()).start()) {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> database(monitor, slowestCall).status() == HealthStatus.UP);
            long borrowsBefore = pool.metrics().acquisitions();

            proxy.setMode(FaultMode.BLACKHOLE);
            long hungAt = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> database(monitor, slowestCall).status() == HealthStatus.DOWN);
            Duration detectedAfter = Duration.ofNanos(System.nanoTime() - hungAt);
            Health down = database(monitor, slowestCall);
            assertThat(down.details()).containsEntry("reason", "not answering");
            // one interval until the next cycle starts, then the deadline
            assertThat(detectedAfter).isLessThan(INTERVAL.plus(DEADLINE).plus(Duration.ofMillis(1500)));

            proxy.heal();
            long healedAt = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> database(monitor, slowestCall).status() == HealthStatus.UP);
            Duration recoveredAfter = Duration.ofNanos(System.nanoTime() - healedAt);
            // a cycle may be waiting out a stuck connect (bounded by the connect timeout), then one interval
            assertThat(recoveredAfter).isLessThan(INTERVAL.plus(DEADLINE).plus(Duration.ofSeconds(2)));

            // the started monitor answers from its newest cycle: never waits for the database (nor its deadline)
            assertThat(Duration.ofNanos(slowestCall.get())).as("healthCheck() never blocks once started")
                    .isLessThan(DEADLINE);
            assertThat(pool.metrics().acquisitions()).as("no application pool connection borrowed")
                    .isEqualTo(borrowsBefore);
            assertThat(pool.metrics().checkedOut()).isZero();
        }
    }

    @DialectTest
    void reportsASlowDatabaseDegradedNotDown(TestDatabase db) {
        AtomicLong slowestCall = new AtomicLong();
        try (TcpFaultProxy proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
             ConnectionPoolManager pool = pool(db, proxy);
             DatabaseHealthMonitor monitor = monitor(db, proxy, pool, Map.of("health.latency.warn", "100ms",
                     "health.checks", "connections")).start()) {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> database(monitor, slowestCall).status() == HealthStatus.UP);

            proxy.setDelay(Duration.ofMillis(150));
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> database(monitor, slowestCall).status() == HealthStatus.DEGRADED);
            Health slow = database(monitor, slowestCall);
            assertThat(slow.details()).containsEntry("reachable", true);
            assertThat(slow.findings()).anySatisfy(f -> {
                assertThat(f.check().value()).isEqualTo("health.latency");
                assertThat(f.message()).startsWith("Database slow");
            });

            proxy.setDelay(Duration.ZERO);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> database(monitor, slowestCall).status() == HealthStatus.UP);
            assertThat(pool.metrics().checkedOut()).isZero();
        }
    }

    @DialectTest
    void closingWhileACycleWaitsOnTheDatabaseRecordsNoOutage(TestDatabase db) {
        try (TcpFaultProxy proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
             ConnectionPoolManager pool = pool(db, proxy)) {
            DatabaseHealthMonitor monitor = monitor(db, proxy, pool, Map.of("health.checks", "connections")).start();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> monitor.healthCheck().components().get("database").status() == HealthStatus.UP);
            proxy.swallowFromClientSends("SELECT 1"); // the next probe's statement never gets an answer
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !proxy.cutPending()); // a background cycle is now waiting on it
            long failedBefore = monitor.metrics().failedCycles();

            monitor.close(); // an application shutting down, not an outage

            HealthMetrics after = monitor.metrics();
            assertThat(after.failedCycles()).as("the cycle cut short by close() is not a failed check")
                    .isEqualTo(failedBefore);
            assertThat(after.status()).isEqualTo(HealthStatus.UP); // was DOWN: the interrupted probe counted
        }
    }
}
