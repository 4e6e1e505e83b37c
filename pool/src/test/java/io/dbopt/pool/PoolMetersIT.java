package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;

/** A registry's pool meters under a fast borrowing loop: exact counts, a timed sample bounded whatever the rate. */
@DbTest
@Timeout(60)
class PoolMetersIT {

    private static final int STALLS = 3;

    /**
     * The borrowers stall for 800 ms (at least two of the monitor's 250 ms periods with no borrow) and resume at full
     * speed, three times. The old tuning then timed every borrow until the monitor's next period, and most of the
     * borrows of the period after it: tens to hundreds of thousands of durations a stall for the monitor to record one
     * by one into the registry's timers. Now the share timed at most doubles per period.
     */
    @DialectTest
    void afterAStallTheBorrowsAreNotAllTimedAndTheTimersStillCountExactlyTheTimedOnes(TestDatabase db)
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ExecutorService borrowers = Executors.newFixedThreadPool(2);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean paused = new AtomicBoolean();
        try (ConnectionPoolManager pool = PoolTests.builder(db, "fastmeters").poolSize(2).maxOverflow(0)
                .meterRegistry(registry).build()) {
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                loops.add(borrowers.submit(() -> borrowUntil(pool, stop, paused)));
            }
            Thread.sleep(1_500); // past the first tunings of the timed share (every 250 ms)
            long borrowed = 0;
            long timed = 0;
            for (int stall = 0; stall < STALLS; stall++) {
                paused.set(true);
                Thread.sleep(800);
                PoolSnapshot from = pool.metrics();
                paused.set(false);
                Thread.sleep(1_000);
                PoolSnapshot to = pool.metrics();
                borrowed += to.acquisitions() - from.acquisitions();
                timed += to.acquireTime().count() - from.acquireTime().count();
            }
            stop.set(true);
            for (Future<?> loop : loops) {
                loop.get();
            }

            assertThat(borrowed).as("borrows in the seconds after the stalls").isGreaterThan(STALLS * 300_000L);
            // once tuned, 1,000 to 2,000 a second; the two periods after a stall time at most about 9,000 more
            assertThat(timed).as("timed of %d borrows in the seconds after the stalls", borrowed).isPositive()
                    .isLessThanOrEqualTo(STALLS * 15_000L);

            PoolSnapshot end = pool.metrics();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat((long) registry.get(PoolMeters.ACQUISITIONS).counter().count())
                        .isEqualTo(end.acquisitions());
                assertThat(registry.get(PoolMeters.ACQUIRE).timer().count()).isEqualTo(end.acquireTime().count());
                assertThat(registry.get(PoolMeters.USAGE).timer().count()).isEqualTo(end.usageTime().count());
            });
        } finally {
            stop.set(true);
            borrowers.shutdownNow();
        }
    }

    private static Void borrowUntil(ConnectionPoolManager pool, AtomicBoolean stop, AtomicBoolean paused)
            throws SQLException, InterruptedException {
        while (!stop.get()) {
            if (paused.get()) {
                Thread.sleep(1);
                continue;
            }
            try (Connection c = pool.dataSource().getConnection()) {
                if (c.isClosed()) {
                    throw new IllegalStateException("lent a closed connection");
                }
            }
        }
        return null;
    }
}
