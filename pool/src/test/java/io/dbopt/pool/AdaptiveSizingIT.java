package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.pool.SizingDecision.Action;
import io.dbopt.pool.SizingDecision.Reason;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;

/** The adaptive sizer against real servers: saturation, budgets, shrinking, nested borrowing. */
@DbTest
class AdaptiveSizingIT {

    private static SizingPolicy.Builder fast() {
        return SizingPolicy.builder().interval(Duration.ofMillis(100)).growAfter(2)
                .growCooldown(Duration.ofMillis(200)).shrinkAfter(Duration.ofSeconds(2))
                .shrinkCooldown(Duration.ofSeconds(1)).serverRefresh(Duration.ofMillis(300))
                .maxResizesPerMinute(12);
    }

    @DialectTest
    @Timeout(90)
    void underAddedLatencyGrowsWithinMaxAndBudgetThenTimeoutsStopAndItShrinks(TestDatabase db) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try (TcpFaultProxy proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
             ConnectionPoolManager pool = PoolTests.builder(db, proxy, "saturate").poolSize(1).maxOverflow(7)
                     .clusterBudget(4).serverReserve(0).poolTimeout(Duration.ofSeconds(1))
                     .adaptiveSizing(fast().build()).build()) {
            proxy.setDelay(Duration.ofMillis(10));
            AtomicBoolean loaded = new AtomicBoolean(true);
            AtomicInteger maxTotal = new AtomicInteger();
            AtomicLong maxOnServer = new AtomicLong();
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                loops.add(clients.submit(() -> {
                    while (loaded.get()) {
                        try {
                            pool.withConnection(c -> {
                                PoolTests.sleepOnServer(c, db.testDialect(), Duration.ofMillis(150));
                                return null;
                            });
                        } catch (PoolException e) {
                            // timeouts are expected while the pool is too small
                        }
                    }
                }));
            }
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                maxTotal.accumulateAndGet(pool.metrics().total(), Math::max);
                maxOnServer.accumulateAndGet(PoolTests.serverSessions(db, pool.config().applicationName()),
                        Math::max);
                Thread.sleep(100);
            }
            loaded.set(false);
            for (Future<?> loop : loops) {
                loop.get(20, TimeUnit.SECONDS);
            }
            long timeoutsUnderLoad = pool.metrics().timeouts();
            AdaptivePoolSizer sizer = pool.sizer().orElseThrow();
            assertThat(sizer.decisions(Action.GROW, Reason.WAITING)).isPositive();
            assertThat(maxTotal.get()).as("never above the cluster budget").isLessThanOrEqualTo(4);
            assertThat(maxOnServer.get()).as("the server never sees more than the budget").isLessThanOrEqualTo(4);
            assertThat(timeoutsUnderLoad).isPositive();

            // the load drops: one client, no more timeouts
            for (int i = 0; i < 10; i++) {
                pool.withConnection(PoolTests::selectOne);
            }
            assertThat(pool.metrics().timeouts()).isEqualTo(timeoutsUnderLoad);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> sizer.currentSize() <= 2);
            assertThat(sizer.resizes()).extracting(SizingDecision::action).contains(Action.SHRINK);
            assertThat(sizer.resizes().size()).as("resizes per minute are bounded").isLessThanOrEqualTo(12);
            assertThat(sizer.resizes()).allSatisfy(d -> assertThat(d.to()).isBetween(1, 4));
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * 4 clients arrive at a pool at its floor of 2 whose work is serialized (each holds its connection while it waits
     * for one lock, then sleeps 20 ms on the server): 4 connections do no more than 2, as the growth out of the floor
     * looks on the quiet machine when the floor's throughput was measured high in the load's first second. The pool
     * grows to 4 to seat them and keeps 4; the old rule judged that growth by throughput, found no gain and went back
     * to 2, where 2 of the 4 clients waited again. The pool first runs 2 clients (no waiting) so the floor is measured
     * warm.
     */
    @DialectTest
    @Timeout(60)
    void fourClientsAtAFloorOfTwoAreSeatedAndNotSentBackWhenFourDoNoMoreThanTwo(TestDatabase db) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        Object serialized = new Object();
        try (ConnectionPoolManager pool = PoolTests.builder(db, "seat").poolSize(2).maxOverflow(6)
                .poolTimeout(Duration.ofSeconds(10)).adaptiveSizing(SizingPolicy.builder().shrinkAfter(Duration.ofSeconds(30)).build()).build()) {
            AtomicInteger running = new AtomicInteger(2);
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                loops.add(clients.submit(serializedClient(pool, db, i, running, serialized)));
            }
            Thread.sleep(1_500);
            AdaptivePoolSizer sizer = pool.sizer().orElseThrow();
            assertThat(sizer.currentSize()).as("2 clients on 2 connections: nobody waits").isEqualTo(2);
            running.set(4);
            for (int i = 2; i < 4; i++) {
                loops.add(clients.submit(serializedClient(pool, db, i, running, serialized)));
            }
            // the growth comes after two waiting intervals (1 s); the old rule's verdict 2.5 s later, its shrink with it
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sizer.currentSize() == 4);
            Thread.sleep(5_000);
            running.set(0);
            for (Future<?> loop : loops) {
                loop.get(20, TimeUnit.SECONDS);
            }
            assertThat(sizer.resizes()).as("%s", sizer.resizes()).extracting(SizingDecision::action)
                    .containsExactly(Action.GROW);
            assertThat(sizer.resizes().get(0).to()).isEqualTo(4);
            assertThat(sizer.currentSize()).isEqualTo(4);
        } finally {
            clients.shutdownNow();
        }
    }

    /** A client that borrows, takes {@code lock} and sleeps 20 ms on the server while it is one of {@code running}. */
    private static java.util.concurrent.Callable<Void> serializedClient(ConnectionPoolManager pool, TestDatabase db,
                                                                        int client, AtomicInteger running,
                                                                        Object lock) {
        return () -> {
            while (client < running.get()) {
                pool.withConnection(c -> {
                    synchronized (lock) {
                        PoolTests.sleepOnServer(c, db.testDialect(), Duration.ofMillis(20));
                    }
                    return null;
                });
            }
            return null;
        };
    }

    /**
     * HikariCP lowers its maximum but keeps, and lends again, every connection lent when the maximum fell: under load
     * a shrink changed nothing until dbopt condemned the connections above the new maximum.
     */
    @DialectTest
    @Timeout(60)
    void aShrinkUnderLoadClosesTheConnectionsThatWereLentWhenItCame(TestDatabase db) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (ConnectionPoolManager pool = PoolTests.builder(db, "trim").poolSize(1).maxOverflow(5).clusterBudget(6)
                .serverReserve(0).poolTimeout(Duration.ofSeconds(5)).adaptiveSizing(fast().build()).build()) {
            AtomicBoolean loaded = new AtomicBoolean(true);
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                loops.add(clients.submit(() -> {
                    while (loaded.get()) {
                        pool.withConnection(c -> {
                            PoolTests.sleepOnServer(c, db.testDialect(), Duration.ofMillis(50));
                            return null;
                        });
                    }
                    return null;
                }));
            }
            AdaptivePoolSizer sizer = pool.sizer().orElseThrow();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> sizer.currentSize() == 6 && pool.metrics().total() == 6);
            // another instance of the application takes 3 of the budget's 6 sessions while all 6 are lent here
            try (ConnectionPoolManager other = PoolTests.builder(db, "trim-other").poolSize(3).maxOverflow(0)
                    .applicationName(pool.config().applicationName()).build();
                 java.sql.Connection a = other.dataSource().getConnection();
                 java.sql.Connection b = other.dataSource().getConnection();
                 java.sql.Connection c = other.dataSource().getConnection()) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sizer.currentSize() <= 3);
                Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(pool.metrics().total()).as("open connections").isLessThanOrEqualTo(3);
                    assertThat(PoolTests.serverSessions(db, pool.config().applicationName()))
                            .as("sessions of the application on the server").isLessThanOrEqualTo(6);
                });
                assertThat(sizer.resizes()).anySatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.OVER_BUDGET));
            } finally {
                loaded.set(false);
                for (Future<?> loop : loops) {
                    loop.get(20, TimeUnit.SECONDS);
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @DialectTest
    @Timeout(60)
    void nestedBorrowingInAFixedPoolFailsWithTheDeadlockBound(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "nested-fixed").poolSize(4).maxOverflow(0).build()) {
            Queue<Throwable> failures = nestedWorkload(pool, db.testDialect(), 8, 1);
            assertThat(failures).isNotEmpty();
            assertThat(failures).anySatisfy(t -> {
                assertThat(t).isInstanceOf(PoolException.class);
                assertThat(((PoolException) t).errorCode()).isEqualTo(PoolErrorCode.NESTED_BORROWING);
                assertThat(t.getMessage()).containsPattern("Tn\\*\\(Cm-1\\)\\+1 = \\d+\\*\\(2-1\\)\\+1 = \\d+");
            });
            assertThat(pool.findings()).extracting(f -> f.check().value()).contains("pool.nested-borrowing");
        }
    }

    @DialectTest
    @Timeout(60)
    void adaptiveSizingGrowsToTheDeadlockBoundWhenThreadsNest(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "nested-adaptive").poolSize(4).maxOverflow(8)
                .poolTimeout(Duration.ofSeconds(5))
                // waiting alone would take 50 intervals to grow: only the deadlock rule acts in time
                .adaptiveSizing(fast().growAfter(50).build()).build()) {
            Queue<Throwable> failures = nestedWorkload(pool, db.testDialect(), 8, 3);
            assertThat(failures).isEmpty();
            AdaptivePoolSizer sizer = pool.sizer().orElseThrow();
            assertThat(sizer.decisions(Action.GROW, Reason.NESTED_DEADLOCK)).isPositive();
            assertThat(sizer.currentSize()).isGreaterThanOrEqualTo(SizingAdvice.deadlockBound(8, 2));
        }
    }

    /** Threads that each hold one connection while borrowing a second, started together. */
    private static Queue<Throwable> nestedWorkload(ConnectionPoolManager pool, TestDialect dialect, int threads,
                                                   int rounds)
            throws Exception {
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        try {
                            pool.withConnection(outer -> {
                                PoolTests.sleepOnServer(outer, dialect, Duration.ofMillis(200));
                                return pool.withConnection(PoolTests::selectOne);
                            });
                        } catch (PoolException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(45, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        return failures;
    }
}
