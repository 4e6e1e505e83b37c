package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

/** Commit, rollback, options applied to one transaction only, and a connection handed back as it was lent. */
@DbTest
class TransactionManagerIT {

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS item", "CREATE TABLE item (id int PRIMARY KEY, qty int NOT NULL)",
                "INSERT INTO item VALUES (1, 10), (2, 20)");
    }

    @DialectTest
    void commitsOnSuccessAndRollsBackOnAnyFailure(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 2)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            int updated = tm.execute(tx -> tx.update("UPDATE item SET qty = qty + 1 WHERE id = ?", 1));
            assertThat(updated).isEqualTo(1);
            assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(11);

            IllegalStateException mine = new IllegalStateException("business rule broken");
            Throwable thrown = catchThrowable(() -> tm.run(tx -> {
                tx.update("UPDATE item SET qty = 0 WHERE id = ?", 1);
                throw mine;
            }));
            assertThat(thrown).as("the work's own exception propagates unchanged").isSameAs(mine);
            assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(11);

            assertThatThrownBy(() -> tm.run(tx -> tx.update("INSERT INTO item VALUES (?, ?)", 1, 5)))
                    .isInstanceOf(TransactionException.class)
                    .satisfies(e -> assertThat(((TransactionException) e).errorKind())
                            .contains(ErrorKind.UNIQUE_VIOLATION))
                    .hasMessageContaining("UNIQUE_VIOLATION").hasMessageNotContaining("(1)");
            assertThat(tm.monitor().stats().commits()).isEqualTo(1);
            assertThat(tm.monitor().stats().failures()).containsEntry(ErrorKind.UNIQUE_VIOLATION, 1L);
        }
    }

    @DialectTest
    void appliesIsolationReadOnlyAndTimeoutsToOneTransactionOnly(TestDatabase db) throws SQLException {
        try (HikariDataSource pool = Pools.pool(db, 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            boolean postgres = db.testDialect() == TestDialect.POSTGRESQL;
            String probe = postgres
                    ? "SELECT current_setting('transaction_isolation') || '/' || current_setting('transaction_read_only')"
                            + " || '/' || current_setting('statement_timeout') || '/' || current_setting('lock_timeout')"
                    : "SELECT CONCAT(coalesce((SELECT trx_isolation_level FROM information_schema.INNODB_TRX"
                            + " WHERE trx_mysql_thread_id = CONNECTION_ID()), 'none'), '/', @@tx_read_only, '/',"
                            + " @@max_statement_time, '/', @@innodb_lock_wait_timeout)";
            String before = tm.execute(tx -> tx.queryFirst(probe, rs -> rs.getString(1)).orElseThrow());
            String inside = tm.execute(TransactionOptions.named("report").isolation(Isolation.SERIALIZABLE)
                    .statementTimeout(Duration.ofMillis(1500)).lockTimeout(Duration.ofSeconds(3)), tx -> {
                        tx.update("UPDATE item SET qty = qty WHERE id = 1"); // InnoDB lists the transaction now
                        // information_schema.INNODB_TRX is a cache refreshed only after 100 ms without readers
                        String[] seen = new String[1];
                        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(150))
                                .until(() -> {
                            seen[0] = tx.queryFirst(probe, rs -> rs.getString(1)).orElseThrow();
                            return !seen[0].startsWith("none");
                        });
                        return seen[0];
                    });
            String after = tm.execute(tx -> tx.queryFirst(probe, rs -> rs.getString(1)).orElseThrow());
            if (postgres) {
                assertThat(inside).isEqualTo("serializable/off/1500ms/3s");
            } else {
                assertThat(inside).startsWith("SERIALIZABLE/").contains("/1.5").endsWith("/3");
            }
            // (the stale INNODB_TRX cache part is left out on MariaDB: only the session variables matter here)
            assertThat(after.substring(after.indexOf('/'))).as("nothing survives on the pooled connection")
                    .isEqualTo(before.substring(before.indexOf('/')));
            assertThat(before).doesNotContain("1500").doesNotContain("1.5");

            assertThatThrownBy(() -> tm.run(TransactionOptions.named("ro").readOnly(),
                    tx -> tx.update("UPDATE item SET qty = 0 WHERE id = 1")))
                    .isInstanceOf(TransactionException.class);
            try (Connection c = pool.getConnection()) {
                assertThat(c.getAutoCommit()).as("auto-commit restored").isTrue();
            }
        }
    }

    @DialectTest
    void refusesCommitCloseAndAutoCommitOnTheTransactionsConnection(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            List<String> refusals = tm.execute(tx -> {
                Connection c = tx.connection();
                c.close(); // harmless: try-with-resources habits must not return the connection mid-transaction
                tx.update("UPDATE item SET qty = 99 WHERE id = 1");
                return List.of(catchThrowable(c::commit).getMessage(), catchThrowable(c::rollback).getMessage(),
                        catchThrowable(() -> c.setAutoCommit(true)).getMessage());
            });
            assertThat(refusals).allSatisfy(m -> assertThat(m).contains("not allowed inside a TransactionManager"));
            assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(99);
        }
    }

    @DialectTest
    void rollsBackWhenTheWorkSwallowsARetryableOrAbortingError(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            // A failing statement whose error the work catches: on PostgreSQL the transaction is aborted and a
            // plain JDBC commit() would silently roll back; dbopt says so instead of pretending it committed.
            Throwable failure = catchThrowable(() -> tm.run(tx -> {
                tx.update("UPDATE item SET qty = 1 WHERE id = 1");
                try {
                    tx.update("INSERT INTO item VALUES (2, 0)");
                } catch (SQLException ignored) {
                    // the work decides to carry on
                }
                tx.update("UPDATE item SET qty = 2 WHERE id = 2");
            }));
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                assertThat(failure).isInstanceOf(TransactionException.class);
                assertThat(((TransactionException) failure).errorCode())
                        .isEqualTo(TransactionErrorCode.ROLLED_BACK_AFTER_ERROR);
                assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(10);
            } else {
                // MariaDB rolls back only the failed statement: carrying on is legitimate there
                assertThat(failure).isNull();
                assertThat(db.queryLong("SELECT qty FROM item WHERE id = 2")).isEqualTo(2);
            }
        }
    }

    @DialectTest
    void rollsBackWhenAnErrorOnTheUnwrappedConnectionAbortedThePostgresTransaction(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            Throwable failure = catchThrowable(() -> tm.run(tx -> {
                tx.update("UPDATE item SET qty = 1 WHERE id = 1");
                Connection raw = tx.connection().unwrap(Connection.class); // steps around dbopt's statement guard
                try (Statement st = raw.createStatement()) {
                    st.execute("SELECT * FROM no_such_table");
                } catch (SQLException ignored) {
                    // the work carries on as if nothing happened
                }
            }));
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                // pgjdbc would turn commit() into a silent rollback; the driver's transaction state tells dbopt
                assertThat(((TransactionException) failure).errorCode())
                        .isEqualTo(TransactionErrorCode.ROLLED_BACK_AFTER_ERROR);
                assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(10);
            } else {
                assertThat(failure).isNull();
                assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(1);
            }
        }
    }

    @DialectTest
    void savepointUndoesOnlyTheNestedWork(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            tm.run(tx -> {
                tx.update("UPDATE item SET qty = 50 WHERE id = 1");
                Throwable duplicate = catchThrowable(() -> tx.savepoint(inner -> {
                    inner.update("UPDATE item SET qty = 60 WHERE id = 2");
                    inner.update("INSERT INTO item VALUES (1, 0)");
                }));
                assertThat(duplicate).isInstanceOf(SQLException.class);
                tx.update("INSERT INTO item VALUES (3, 30)");
            });
            assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(50);
            assertThat(db.queryLong("SELECT qty FROM item WHERE id = 2")).as("rolled back to the savepoint")
                    .isEqualTo(20);
            assertThat(db.queryLong("SELECT count(*) FROM item")).isEqualTo(3);
        }
    }

    @DialectTest
    void rollbackOnlyRollsBackWithoutRetry(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 1)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            String result = tm.execute(tx -> {
                tx.update("UPDATE item SET qty = 0");
                tx.setRollbackOnly();
                return "dry run";
            });
            assertThat(result).isEqualTo("dry run");
            assertThat(db.queryLong("SELECT sum(qty) FROM item")).isEqualTo(30);
            assertThat(tm.monitor().stats().commits()).isZero();
        }
    }

    @DialectTest
    void monitorListsTheOpenTransactionWithItsAgeAndTheServerSeesIt(TestDatabase db) throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 2)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread worker = new Thread(() -> tm.run(TransactionOptions.named("slow-job"), tx -> {
                tx.update("UPDATE item SET qty = qty WHERE id = 1");
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            worker.start();
            try {
                assertThat(inside.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(tm.monitor().openTransactions()).singleElement()
                        .satisfies(t -> assertThat(t.name()).isEqualTo("slow-job"));
                assertThat(tm.monitor().openLongerThan(Duration.ZERO)).hasSize(1);
                assertThat(tm.monitor().findings(Duration.ZERO)).extracting(f -> f.check().value())
                        .contains("transaction.open-too-long");
                assertThat(tm.monitor().serverTransactions()).anySatisfy(s ->
                        assertThat(s.state()).isEqualTo("idle in transaction"));
            } finally {
                release.countDown();
                worker.join(10_000);
            }
            assertThat(tm.monitor().openTransactions()).isEmpty();
        }
    }

    @DialectTest
    void refusesAConnectionThatAlreadyCarriesSomeoneElsesTransaction(TestDatabase db) throws Exception {
        try (Connection shared = db.connection(); Statement st = shared.createStatement()) {
            shared.setAutoCommit(false);
            st.executeUpdate("UPDATE item SET qty = 77 WHERE id = 1");
            TransactionManager tm = TransactionManager.builder().dataSource(SharedConnection.of(db.dataSource(), shared)).build();
            int[] runs = {0};
            Throwable refused = catchThrowable(() -> tm.run(tx -> runs[0]++));
            assertThat(refused).isInstanceOf(TransactionException.class);
            assertThat(((TransactionException) refused).errorCode())
                    .isEqualTo(TransactionErrorCode.OUTER_TRANSACTION_ON_CONNECTION);
            assertThat(runs[0]).isZero();
            shared.rollback();
        }
        assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(10);
    }
}
