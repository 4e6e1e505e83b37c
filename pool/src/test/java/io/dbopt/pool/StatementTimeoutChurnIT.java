package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A statement the server cancels for its time limit leaves a healthy session behind: the pool must keep lending it
 * rather than evict it and open another (churn that would turn a burst of slow queries into a connection storm).
 */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatementTimeoutChurnIT {

    @DialectTest
    void statementTimeoutsDoNotChurnThePool(TestDatabase db) throws Exception {
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        try (ConnectionPoolManager pool = PoolTests.builder(db, "churn").poolSize(2).maxOverflow(0).build()) {
            // the pool fills its second connection in the background: count from a full pool
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> pool.metrics().total() == 2);
            Set<Long> sessions = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                sessions.add(pool.withConnection(c -> PoolTests.sessionId(c, db.testDialect())));
            }
            PoolSnapshot before = pool.metrics();
            for (int i = 0; i < 10; i++) {
                Throwable t = catchThrowable(() -> pool.inTransaction(c -> {
                    try (Statement st = c.createStatement()) {
                        if (pg) {
                            st.execute("SET LOCAL statement_timeout = 50");
                            return st.execute("SELECT pg_sleep(2)");
                        }
                        return st.execute("SET STATEMENT max_statement_time = 0.05 FOR "
                                + "SELECT SUM(a.seq * b.seq) FROM seq_1_to_100000 a, seq_1_to_100000 b");
                    }
                }));
                assertThat(t).isInstanceOf(PoolException.class);
                assertThat(((PoolException) t).errorKind()).contains(ErrorKind.STATEMENT_TIMEOUT);
            }
            Set<Long> after = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                after.add(pool.withConnection(c -> PoolTests.sessionId(c, db.testDialect())));
            }
            PoolSnapshot now = pool.metrics();
            assertThat(now.creations()).as("connections opened").isEqualTo(before.creations());
            assertThat(now.evictions()).as("connections evicted").isEqualTo(before.evictions());
            assertThat(sessions).containsAll(after);
        }
    }
}
