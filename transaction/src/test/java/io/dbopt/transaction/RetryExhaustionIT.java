package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Retry exhaustion, sampled: work that always fails with a serialization failure (SQLState 40001, thrown by the work
 * itself as a fault) runs exactly as often as the policy allows, the waits between attempts are spread by full jitter,
 * and a time budget ends the retries before it is overrun.
 */
@DbTest
@Timeout(60)
class RetryExhaustionIT {

    @DialectTest
    void exhaustsAfterExactlyMaxAttemptsWithJitteredWaits(TestDatabase db) throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 2);
             TransactionManager tm = TransactionManager.builder().dataSource(pool)
                     .retryPolicy(RetryPolicy.defaults().withMaxAttempts(31)
                             .withBackoff(Duration.ofMillis(150), Duration.ofMillis(150))
                             .withMaxElapsed(Duration.ofSeconds(30)))
                     .build()) {
            List<Long> starts = new ArrayList<>();
            Throwable failure = catchThrowable(() -> tm.run(TransactionOptions.named("always-conflicts"), tx -> {
                starts.add(System.nanoTime());
                tx.queryFirst("SELECT 1", rs -> rs.getInt(1));
                throw new SQLException("could not serialize access (injected)", "40001");
            }));

            assertThat(failure).isInstanceOf(RetriesExhaustedException.class);
            RetriesExhaustedException exhausted = (RetriesExhaustedException) failure;
            assertThat(exhausted.attempts()).isEqualTo(31);
            assertThat(exhausted.lastKind()).isEqualTo(ErrorKind.SERIALIZATION_FAILURE);
            assertThat(starts).hasSize(31);
            TransactionStats stats = tm.monitor().stats();
            assertThat(stats.retries(ErrorKind.SERIALIZATION_FAILURE)).isEqualTo(30);
            assertThat(stats.retriesExhausted()).isEqualTo(1);

            // 30 waits drawn uniformly from [0, 150 ms], each plus the attempt's own time (rollback, borrow, begin:
            // some ms on a loaded machine): full jitter puts some gaps far below the ceiling and some far above half
            // of it; a fixed wait or no wait would not (P(fewer than 2 on either side) < 0.001)
            List<Long> gapsMillis = new ArrayList<>();
            for (int i = 1; i < starts.size(); i++) {
                gapsMillis.add((starts.get(i) - starts.get(i - 1)) / 1_000_000);
            }
            assertThat(gapsMillis.stream().filter(g -> g < 60).count()).as("gaps %s", gapsMillis)
                    .isGreaterThanOrEqualTo(2);
            assertThat(gapsMillis.stream().filter(g -> g > 110).count()).as("gaps %s", gapsMillis)
                    .isGreaterThanOrEqualTo(2);
            assertThat(gapsMillis).as("no wait beyond the ceiling plus an attempt's time").allMatch(g -> g < 600);
        }
    }

    @DialectTest
    void aTimeBudgetEndsTheRetriesBeforeItIsOverrun(TestDatabase db) throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 2);
             TransactionManager tm = TransactionManager.builder().dataSource(pool)
                     .retryPolicy(RetryPolicy.defaults().withMaxAttempts(1_000)
                             .withBackoff(Duration.ofMillis(50), Duration.ofMillis(100))
                             .withMaxElapsed(Duration.ofMillis(800)))
                     .build()) {
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> tm.run(tx -> {
                throw new SQLException("deadlock detected (injected)", "40P01");
            }));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure).isInstanceOf(RetriesExhaustedException.class).hasMessageContaining("time budget");
            assertThat(((RetriesExhaustedException) failure).attempts()).isBetween(2, 999);
            assertThat(took).as("no attempt starts after the 800 ms budget").isLessThan(Duration.ofMillis(800 + 700));
        }
    }
}
