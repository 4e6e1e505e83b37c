package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Reliability test 6: the connection is cut after COMMIT reached the server and before its reply reached the client.
 * The server committed, so a blind retry would apply the transaction twice: dbopt raises a distinct exception and
 * does not retry.
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

    private static String proxiedUrl(TestDatabase db, TcpFaultProxy proxy) {
        return db.testDialect() == TestDialect.POSTGRESQL
                ? "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name() + "?connectTimeout=5&socketTimeout=10"
                : "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + db.name()
                        + "?connectTimeout=5000&socketTimeout=10000";
    }
}
