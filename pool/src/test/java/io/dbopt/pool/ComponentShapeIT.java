package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.component.ComponentMetrics;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.proxy.FaultMode;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;

/** metrics() and healthCheck() in the shape every dbopt component shares, UP, DEGRADED and DOWN on both servers. */
@DbTest
@Timeout(60)
class ComponentShapeIT {

    @DialectTest
    void metricsAreASnapshotWhoseValuesAreItsFields(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "shape").poolSize(2).maxOverflow(1).build()) {
            DbOptComponent<PoolSnapshot> component = pool;
            assertThat(component.componentName()).isEqualTo("pool");
            try (Connection held = pool.dataSource().getConnection()) {
                PoolTests.selectOne(held);
                PoolSnapshot s = component.metrics();
                Map<String, Number> v = ((ComponentMetrics) s).values();
                assertThat(v).containsEntry("size", 2).containsEntry("checked_out", 1)
                        .containsEntry("checked_in", s.checkedIn()).containsEntry("overflow", s.overflow())
                        .containsEntry("max", 3).containsEntry("acquisitions", 1L);
                assertThat(s.at()).isNotNull();
                assertThat(s.poolName()).isEqualTo("t-shape");
            }
        }
    }

    /** A leak first degrades the pool, and its return brings it back up. */
    @DialectTest
    void aHeldLeakDegradesAndItsReturnRestores(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "leak-health").poolSize(1).maxOverflow(1)
                .leakDetectionThreshold(Duration.ofMillis(200)).build()) {
            assertThat(pool.healthCheck().status()).isEqualTo(HealthStatus.UP);
            Connection leaked = pool.dataSource().getConnection();
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                Health h = pool.healthCheck();
                assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
                assertThat(h.findings()).extracting(f -> f.check().value()).contains("pool.leak-suspected");
                assertThat(h.details()).containsEntry("checked_out", 1).containsEntry("pool", "t-leak-health");
            });
            leaked.close();
            assertThat(pool.healthCheck().status()).isEqualTo(HealthStatus.UP);
        }
    }

    @DialectTest
    void saturationAndTimeoutsDegrade(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "saturated").poolSize(1).maxOverflow(0)
                .poolTimeout(Duration.ofMillis(1500)).build();
             Connection held = pool.dataSource().getConnection()) {
            CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
                try (Connection c = pool.dataSource().getConnection()) {
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                    assertThat(pool.healthCheck().findings()).extracting(f -> f.check().value())
                            .contains("pool.saturated"));
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(PoolAcquireException.class);
            Health after = pool.healthCheck();
            assertThat(after.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(after.findings()).extracting(f -> f.check().value()).contains("pool.acquire-timeouts");
            assertThat(held.isClosed()).isFalse();
        }
    }

    @DialectTest
    void aConnectionTheServerDroppedDegradesAfterTheBackgroundCheck(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "dropped").poolSize(1).maxOverflow(0).build()) {
            long session = pool.withConnection(c -> PoolTests.sessionId(c, db.testDialect()));
            assertThat(pool.healthCheck().status()).isEqualTo(HealthStatus.UP);
            PoolTests.terminate(db, session);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(pool.connectionHealth().check().reconciliation().orElseThrow().droppedByServer())
                            .contains(session));
            Health h = pool.healthCheck();
            assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(h.findings()).extracting(Finding::check).extracting(c -> c.value())
                    .contains("pool.dropped-by-server");
            assertThat(h.details()).containsKey("last_check");
        }
    }

    @DialectTest
    void downWhenClosedOrWhenNoConnectionCanBeOpened(TestDatabase db) throws Exception {
        ConnectionPoolManager closed = PoolTests.builder(db, "closed").poolSize(1).maxOverflow(0).build();
        closed.close();
        assertThat(closed.healthCheck().status()).isEqualTo(HealthStatus.DOWN);
        try (ConnectionPoolManager nowhere = ConnectionPoolManager.builder()
                .jdbcUrl(PoolTests.url(db.testDialect(), "127.0.0.1", 1, "nowhere")).username("nobody")
                .poolName("t-nowhere")
                .poolTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1)).failFast(false)
                .healthCheckInterval(Duration.ZERO).build()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Health h = nowhere.healthCheck();
                assertThat(h.status()).isEqualTo(HealthStatus.DOWN);
                assertThat(h.findings()).extracting(f -> f.check().value()).contains("pool.database-unreachable");
            });
        }
    }

    @DialectTest
    void healthAnswersAtOnceWhileTheServerIsSilent(TestDatabase db) throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
             ConnectionPoolManager pool = PoolTests.builder(db, proxy, "silent").poolSize(1).maxOverflow(0).build()) {
            CountDownLatch inside = new CountDownLatch(1);
            CompletableFuture<Object> stuck = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.withConnection(c -> {
                        inside.countDown();
                        return PoolTests.selectOne(c);
                    });
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            proxy.setMode(FaultMode.BLACKHOLE);
            long t0 = System.nanoTime();
            Health h = pool.healthCheck();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
            assertThat(h.details()).containsKey("checked_out");
            proxy.heal();
            stuck.get(15, TimeUnit.SECONDS);
        }
    }
}
