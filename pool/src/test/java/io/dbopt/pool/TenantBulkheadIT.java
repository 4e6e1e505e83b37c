package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;

/** A tenant flooding the shared pool must not raise another tenant's acquire time beyond its budget. */
@DbTest
class TenantBulkheadIT {

    private static final Duration QUIET_TENANT_BUDGET = Duration.ofMillis(100);
    private static final int FLOODERS = 24;

    @DialectTest
    @Timeout(90)
    void aFloodingTenantDoesNotStarveAQuietOne(TestDatabase db) throws Exception {
        // the problem: without bulkheads the flood queues in front of the quiet tenant
        try (ConnectionPoolManager shared = PoolTests.builder(db, "no-bulkhead").poolSize(6).maxOverflow(0)
                .poolTimeout(Duration.ofSeconds(2)).build()) {
            Result unprotected = run(db.testDialect(), tenant -> shared.dataSource());
            assertThat(unprotected.quietWorstNanos()).as("without bulkheads the quiet tenant waits")
                    .isGreaterThan(QUIET_TENANT_BUDGET.toNanos());
        }
        // the fix: the flood waits behind its own limit
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConnectionPoolManager pool = PoolTests.builder(db, "bulkhead").poolSize(6).maxOverflow(0)
                .poolTimeout(Duration.ofSeconds(2))
                .tenants(TenantPolicy.builder().defaultShare(0.5).maxWait(Duration.ofMillis(50)).build())
                .meterRegistry(registry).build()) {
            Result protectedRun = run(db.testDialect(), pool::dataSource);
            assertThat(protectedRun.quietWorstNanos()).as("quiet tenant's worst acquire time")
                    .isLessThan(QUIET_TENANT_BUDGET.toNanos());
            assertThat(protectedRun.quietFailures()).isEmpty();
            assertThat(protectedRun.floodFailures()).isNotEmpty().allSatisfy(t -> {
                assertThat(t).isInstanceOf(PoolAcquireException.class);
                assertThat(((PoolAcquireException) t).failure()).isEqualTo(AcquireFailure.TENANT_LIMIT_EXCEEDED);
                assertThat(t.getMessage()).contains("tenant 'noisy' already holds 3 of its 3 connections");
            });
            TenantBulkheads tenants = pool.tenants().orElseThrow();
            assertThat(tenants.stats().get("noisy").rejected()).isPositive();
            assertThat(tenants.stats().get("quiet").rejected()).isZero();
            assertThat(registry.get(PoolMeters.TENANT_REJECTED).tag("tenant", "noisy").counter().count())
                    .isEqualTo(tenants.stats().get("noisy").rejected());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> tenants.inUse("noisy") == 0);
        }
    }

    @DialectTest
    void tenantsBeyondTheTrackedOnesShareOneMetricTag(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "tags").poolSize(1).maxOverflow(3)
                .tenants(TenantPolicy.builder().trackedTenants(2).limit("vip", 2).build()).build()) {
            for (String tenant : List.of("vip", "a", "b", "c", "d")) {
                pool.withConnection(tenant, PoolTests::selectOne);
            }
            assertThat(pool.tenants().orElseThrow().stats().keySet())
                    .containsExactlyInAnyOrder("vip", "a", "b", TenantPolicy.OTHER);
            assertThat(pool.tenants().orElseThrow().stats().get(TenantPolicy.OTHER).acquired()).isEqualTo(2);
            assertThat(pool.tenants().orElseThrow().limit("vip")).isEqualTo(2);
            assertThat(pool.tenants().orElseThrow().limit("a")).isEqualTo(2);
        }
    }

    private record Result(long quietWorstNanos, Queue<Throwable> quietFailures, Queue<Throwable> floodFailures) {
    }

    /** Floods as tenant "noisy" from many threads while tenant "quiet" borrows one connection at a time. */
    private static Result run(TestDialect dialect, Function<String, DataSource> sources) throws Exception {
        ExecutorService flood = Executors.newFixedThreadPool(FLOODERS);
        AtomicBoolean flooding = new AtomicBoolean(true);
        Queue<Throwable> floodFailures = new ConcurrentLinkedQueue<>();
        Queue<Throwable> quietFailures = new ConcurrentLinkedQueue<>();
        AtomicLong worst = new AtomicLong();
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < FLOODERS; i++) {
                loops.add(flood.submit(() -> {
                    while (flooding.get()) {
                        try (java.sql.Connection c = sources.apply("noisy").getConnection()) {
                            PoolTests.sleepOnServer(c, dialect, Duration.ofMillis(50));
                        } catch (java.sql.SQLException e) {
                            floodFailures.add(e);
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(300); // let the flood build up
            for (int i = 0; i < 12; i++) {
                long t0 = System.nanoTime();
                try (java.sql.Connection c = sources.apply("quiet").getConnection()) {
                    worst.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    PoolTests.selectOne(c);
                } catch (java.sql.SQLException e) {
                    worst.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    quietFailures.add(e);
                }
                Thread.sleep(20);
            }
            flooding.set(false);
            for (Future<?> loop : loops) {
                loop.get(20, TimeUnit.SECONDS);
            }
        } finally {
            flood.shutdownNow();
        }
        return new Result(worst.get(), quietFailures, floodFailures);
    }
}
