package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.On;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Reliability test 6: the connection is cut after COMMIT reached the server and before its reply reached the client.
 * The server committed, so a blind retry would apply the transaction twice: dbopt raises a distinct exception and
 * does not retry — unless {@code resolveCommitOutcome} is on and the server (PostgreSQL) can tell what became of it.
 */
@DbTest
class CommitOutcomeUnknownIT {

    @DialectTest
    void connectionLostDuringCommitRaisesOutcomeUnknownAndIsNotRetried(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS payment", "CREATE TABLE payment (id int PRIMARY KEY)");
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             HikariDataSource pool = Pools.pool(db, proxiedUrl(db, proxy), 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            AtomicInteger runs = new AtomicInteger();
            Throwable failure = catchThrowable(() -> tm.run(TransactionOptions.named("pay"), tx -> {
                runs.incrementAndGet();
                tx.update("INSERT INTO payment VALUES (?)", 42);
                proxy.cutAfterClientSends("COMMIT");
            }));

            assertThat(failure).isInstanceOf(CommitOutcomeUnknownException.class)
                    .hasMessageContaining("'pay'").hasMessageContaining("not retried");
            assertThat(((CommitOutcomeUnknownException) failure).errorCode())
                    .isEqualTo(TransactionErrorCode.COMMIT_OUTCOME_UNKNOWN);
            assertThat(runs).as("no blind retry").hasValue(1);
            assertThat(proxy.cutPending()).isFalse();
            TransactionStats stats = tm.monitor().stats();
            assertThat(stats.outcomeUnknown()).isEqualTo(1);
            assertThat(stats.totalRetries()).isZero();
            assertThat(tm.monitor().findings(Duration.ofMinutes(1))).extracting(f -> f.check().value())
                    .contains("transaction.commit-outcome-unknown");
        }
        // the server did receive the COMMIT: the payment exists although the client saw a failure
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> db.queryLong("SELECT count(*) FROM payment") == 1);
    }

    @DialectTest
    void resolutionReturnsTheResultOfACommitTheServerMadeAndOnMariaDbStillSaysUnknown(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS payment_r", "CREATE TABLE payment_r (id int PRIMARY KEY)");
        boolean postgres = db.testDialect() == TestDialect.POSTGRESQL;
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             HikariDataSource pool = Pools.pool(db, proxiedUrl(db, proxy), 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool)
                    .resolveCommitOutcome(Duration.ofSeconds(5)).build();
            AtomicInteger runs = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<String> result = new java.util.concurrent.atomic.AtomicReference<>();
            Throwable failure = catchThrowable(() -> result.set(tm.execute(TransactionOptions.named("pay"), tx -> {
                runs.incrementAndGet();
                tx.update("INSERT INTO payment_r VALUES (?)", 7);
                proxy.cutAfterClientSends("COMMIT");
                return "paid";
            })));

            assertThat(runs).as("never run twice").hasValue(1);
            TransactionStats stats = tm.monitor().stats();
            if (postgres) {
                assertThat(failure).isNull();
                assertThat(result).hasValue("paid");
                assertThat(stats.outcomeResolved()).isEqualTo(1);
                assertThat(stats.outcomeUnknown()).isZero();
                assertThat(stats.commits()).isEqualTo(1);
                assertThat(db.queryLong("SELECT count(*) FROM payment_r")).isEqualTo(1);
            } else {
                assertThat(failure).isInstanceOf(CommitOutcomeUnknownException.class);
                assertThat(stats.outcomeResolved()).isZero();
                assertThat(stats.outcomeUnknown()).isEqualTo(1);
            }
        }
    }

    @Test
    void commitThatNeverArrivedIsRolledBackOnTheServerAndRetriedOnce(@On(TestDialect.POSTGRESQL) TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS payment_s", "CREATE TABLE payment_s (id int PRIMARY KEY)");
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             HikariDataSource pool = Pools.pool(db, proxiedUrl(db, proxy, 2), 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool)
                    .resolveCommitOutcome(Duration.ofSeconds(4)).build();
            AtomicInteger runs = new AtomicInteger();
            int paid = tm.execute(TransactionOptions.named("pay"), tx -> {
                tx.update("INSERT INTO payment_s VALUES (?)", 9);
                if (runs.incrementAndGet() == 1) {
                    // the COMMIT is lost on the way: the server keeps the transaction open, the client times out
                    proxy.swallowFromClientSends("COMMIT");
                }
                return 9;
            });

            assertThat(paid).isEqualTo(9);
            assertThat(runs).as("the first attempt was ended on the server and rolled back").hasValue(2);
            TransactionStats stats = tm.monitor().stats();
            assertThat(stats.outcomeResolved()).isEqualTo(1);
            assertThat(stats.outcomeUnknown()).isZero();
            assertThat(stats.totalRetries()).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM payment_s")).isEqualTo(1);
        }
    }

    @Test
    void resolutionKeepsItsBudgetWhenOnePollHangs(@On(TestDialect.POSTGRESQL) TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS payment_h", "CREATE TABLE payment_h (id int PRIMARY KEY)");
        // the socket timeout (30 s) is far beyond the 3 s budget: only the budget can end a hung poll in time
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             HikariDataSource pool = Pools.pool(db, proxiedUrl(db, proxy, 30), 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool)
                    .resolveCommitOutcome(Duration.ofSeconds(3)).build();
            AtomicInteger runs = new AtomicInteger();
            long start = System.nanoTime();
            String paid = tm.execute(TransactionOptions.named("pay"), tx -> {
                runs.incrementAndGet();
                tx.update("INSERT INTO payment_h VALUES (?)", 5);
                proxy.cutAfterClientSends("COMMIT");
                // the first txid_status poll goes unanswered, as on a route that drops packets
                proxy.swallowFromClientSends("txid_status");
                return "paid";
            });
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(paid).isEqualTo("paid");
            assertThat(runs).hasValue(1);
            assertThat(proxy.cutPending()).isFalse();
            assertThat(took).as("a hung poll ends within its share of the 3 s budget").isLessThan(Duration.ofSeconds(5));
            assertThat(tm.monitor().stats().outcomeResolved()).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM payment_h")).isEqualTo(1);
        }
    }

    @Test
    void cutCommitOfATransactionThatWroteNothingKeepsItsResult(@On(TestDialect.POSTGRESQL) TestDatabase db) {
        try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", db.server().port());
             HikariDataSource pool = Pools.pool(db, proxiedUrl(db, proxy), 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool)
                    .resolveCommitOutcome(Duration.ofSeconds(5)).build();
            long answer = tm.execute(TransactionOptions.named("report"), tx -> {
                long one = tx.queryFirst("SELECT 1", rs -> rs.getLong(1)).orElseThrow();
                proxy.cutAfterClientSends("COMMIT");
                return one;
            });
            assertThat(answer).isEqualTo(1);
            assertThat(proxy.cutPending()).isFalse();
            assertThat(tm.monitor().stats().outcomeUnknown()).isZero();
        }
    }

    private static String proxiedUrl(TestDatabase db, TcpFaultProxy proxy) {
        return proxiedUrl(db, proxy, 10);
    }

    private static String proxiedUrl(TestDatabase db, TcpFaultProxy proxy, int socketTimeoutSeconds) {
        return db.testDialect() == TestDialect.POSTGRESQL
                ? "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name() + "?connectTimeout=5&socketTimeout="
                        + socketTimeoutSeconds
                : "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + db.name()
                        + "?connectTimeout=5000&socketTimeout=" + socketTimeoutSeconds * 1000;
    }
}
