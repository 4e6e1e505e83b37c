package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

/** Reliability test 1: a real deadlock has exactly one victim, which is retried to the serial result; and capture. */
@DbTest
class DeadlockRetryIT {

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS account", "DROP TABLE IF EXISTS deadlock_log",
                "CREATE TABLE account (id int PRIMARY KEY, balance int NOT NULL)",
                "INSERT INTO account VALUES (1, 100), (2, 100)");
    }

    @DialectTest
    void deadlockHasExactlyOneVictimWhichIsRetriedToTheSerialResult(TestDatabase db) throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 4)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).persistDeadlocksTo("deadlock_log")
                    .build();
            CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
            AtomicInteger attempts = new AtomicInteger();
            Callable<Void> first = () -> {
                tm.run(TransactionOptions.named("one-then-two"), tx -> addInOrder(tx, 1, 2, 1, attempts,
                        bothHoldTheirFirstRow));
                return null;
            };
            Callable<Void> second = () -> {
                tm.run(TransactionOptions.named("two-then-one"), tx -> addInOrder(tx, 2, 1, 10, attempts,
                        bothHoldTheirFirstRow));
                return null;
            };
            Concurrency.runAll(List.of(first, second));

            TransactionStats stats = tm.monitor().stats();
            assertThat(stats.retries(ErrorKind.DEADLOCK)).as("exactly one victim, retried once").isEqualTo(1);
            assertThat(attempts).hasValue(3);
            assertThat(stats.commits()).isEqualTo(2);
            assertThat(stats.totalFailures()).isZero();
            // a serial run of "+1 on both" and "+10 on both" gives 111 on each row, whatever the order
            assertThat(db.queryLong("SELECT balance FROM account WHERE id = 1")).isEqualTo(111);
            assertThat(db.queryLong("SELECT balance FROM account WHERE id = 2")).isEqualTo(111);

            List<DeadlockRecord> captured = tm.deadlockDetector().recentDeadlocks();
            assertThat(captured).hasSize(1);
            DeadlockRecord record = captured.get(0);
            assertThat(record.transactionName()).isPresent();
            assertThat(record.participants()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(record.victim()).isPresent();
            if (db.testDialect() == TestDialect.MARIADB) {
                assertThat(record.objects()).anySatisfy(o -> assertThat(o).contains("`" + db.name() + "`.`account`"));
                assertThat(record.participants()).allSatisfy(p -> assertThat(p.query()).doesNotContain("10"));
            } else {
                assertThat(record.participants()).allSatisfy(p -> assertThat(p.lockMode()).endsWith("Lock"));
            }
            assertThat(db.queryLong("SELECT count(*) FROM deadlock_log")).isEqualTo(1);

            // a recent deadlock keeps the manager's health DEGRADED, with the deadlock as the finding
            io.dbopt.core.component.Health health = tm.healthCheck();
            assertThat(health.status()).isEqualTo(io.dbopt.core.component.HealthStatus.DEGRADED);
            assertThat(health.findings()).extracting(f -> f.check().value()).containsExactly("transaction.deadlocks");
            assertThat(tm.metrics().deadlocksCaptured()).isEqualTo(1);
        }
    }

    private static void addInOrder(Transaction tx, int firstId, int secondId, int amount, AtomicInteger attempts,
                                   CyclicBarrier barrier) throws java.sql.SQLException {
        attempts.incrementAndGet();
        tx.update("UPDATE account SET balance = balance + ? WHERE id = ?", amount, firstId);
        if (tx.attempt() == 1) {
            Concurrency.await(barrier);
        }
        tx.update("UPDATE account SET balance = balance + ? WHERE id = ?", amount, secondId);
    }

    @DialectTest
    void blockingTreeShowsTheIdleHolderAsTheRootOfItsWaiters(TestDatabase db) throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 4);
             Connection holder = db.connection(); Statement hold = holder.createStatement()) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            holder.setAutoCommit(false);
            hold.executeUpdate("UPDATE account SET balance = 0 WHERE id = 1");
            Thread w1 = waiter(tm);
            Thread w2 = waiter(tm);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> tm.deadlockDetector().blockingTree().roots().stream()
                                .anyMatch(r -> r.blockedCount() == 2));
                BlockingTree tree = tm.deadlockDetector().blockingTree();
                BlockingTree.Node root = tree.roots().get(0);
                assertThat(root.session()).hasValueSatisfying(s ->
                        assertThat(s.state()).isEqualTo("idle in transaction"));
                assertThat(tree.render()).first().asString().contains("idle in transaction");
                assertThat(tree.render()).hasSizeGreaterThanOrEqualTo(3)
                        .anySatisfy(line -> assertThat(line).startsWith("  ").contains("UPDATE account"));
                assertThat(tree.render()).noneSatisfy(line -> assertThat(line).contains("= 0"));
            } finally {
                holder.rollback();
                w1.join(20_000);
                w2.join(20_000);
            }
        }
    }

    private static Thread waiter(TransactionManager tm) {
        Thread t = new Thread(() -> tm.run(TransactionOptions.named("waiter"),
                tx -> tx.update("UPDATE account SET balance = balance + 1 WHERE id = 1")));
        t.start();
        return t;
    }
}
