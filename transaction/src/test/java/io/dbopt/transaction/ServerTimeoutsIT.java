package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

/**
 * Reliability test 8: server-side time limits set per transaction (PostgreSQL statement_timeout, lock_timeout,
 * idle_in_transaction_session_timeout; MariaDB max_statement_time, innodb_lock_wait_timeout,
 * idle_transaction_timeout) fail with the same error kind on both servers, and are not retried unless retryable.
 */
@DbTest
class ServerTimeoutsIT {

    /** Runs for many seconds on MariaDB; SLEEP() is not interrupted by max_statement_time. */
    private static final String SLOW_MARIADB =
            "SELECT count(*) FROM seq_1_to_10000 a, seq_1_to_10000 b WHERE a.seq * b.seq % 7 = 3";

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS item", "CREATE TABLE item (id int PRIMARY KEY, qty int NOT NULL)",
                "INSERT INTO item VALUES (1, 0)");
    }

    @DialectTest
    void statementTimeoutFailsAsStatementTimeoutAndIsNotRetried(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            AtomicInteger runs = new AtomicInteger();
            Throwable failure = catchThrowable(() -> tm.run(TransactionOptions.named("slow")
                    .statementTimeout(Duration.ofMillis(300)), tx -> {
                        runs.incrementAndGet();
                        tx.query(db.testDialect() == TestDialect.POSTGRESQL ? "SELECT pg_sleep(5)" : SLOW_MARIADB,
                                rs -> rs.getObject(1));
                    }));
            assertKind(failure, ErrorKind.STATEMENT_TIMEOUT);
            assertThat(runs).hasValue(1);
        }
    }

    @DialectTest
    void lockTimeoutFailsAsLockTimeoutWhenRetriesAreOff(TestDatabase db) throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 1);
             Connection holder = db.connection(); Statement hold = holder.createStatement()) {
            holder.setAutoCommit(false);
            hold.executeUpdate("UPDATE item SET qty = 1 WHERE id = 1");
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            Throwable failure = catchThrowable(() -> tm.run(TransactionOptions.named("locked")
                    .lockTimeout(Duration.ofMillis(300)).noRetry(), tx -> tx.update("UPDATE item SET qty = 2")));
            assertKind(failure, ErrorKind.LOCK_TIMEOUT);
            holder.rollback();
        }
    }

    @DialectTest
    void idleInTransactionTimeoutFailsAsIdleInTransactionTimeoutOnBothServers(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            AtomicInteger runs = new AtomicInteger();
            boolean postgres = db.testDialect() == TestDialect.POSTGRESQL;
            Throwable failure = catchThrowable(() -> tm.run(TransactionOptions.named("forgotten")
                    .idleTimeout(Duration.ofSeconds(1)), tx -> {
                        runs.incrementAndGet();
                        tx.update("UPDATE item SET qty = 3 WHERE id = 1");
                        long session = tx.queryFirst(postgres ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()",
                                rs -> rs.getLong(1)).orElseThrow();
                        // the work now does something else for too long; wait until the server has ended the session
                        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                                .until(() -> db.queryLong(postgres
                                        ? "SELECT count(*) FROM pg_stat_activity WHERE pid = " + session
                                        : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = " + session)
                                        == 0);
                        tx.update("UPDATE item SET qty = 4 WHERE id = 1");
                    }));
            assertKind(failure, ErrorKind.IDLE_IN_TRANSACTION_TIMEOUT);
            assertThat(runs).as("not retried").hasValue(1);
            assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isZero();
            // the pool replaces the dead connection and the next transaction works
            int updated = tm.execute(tx -> tx.update("UPDATE item SET qty = 5 WHERE id = 1"));
            assertThat(updated).isEqualTo(1);
        }
    }

    private static void assertKind(Throwable failure, ErrorKind kind) {
        assertThat(failure).isInstanceOf(TransactionException.class);
        assertThat(((TransactionException) failure).errorKind()).contains(kind);
        assertThat(failure).hasMessageContaining(kind.name());
    }
}
