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
import org.junit.jupiter.api.BeforeEach;

/** Reliability test 7: work nested in an outer transaction never retries on its own; the outer one retries whole. */
@DbTest
class NestedTransactionIT {

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS log", "DROP TABLE IF EXISTS item",
                "CREATE TABLE log (entry varchar(20) NOT NULL)",
                "CREATE TABLE item (id int PRIMARY KEY, qty int NOT NULL)", "INSERT INTO item VALUES (1, 0)");
    }

    @DialectTest
    void retryRequestedInsideAnOuterTransactionIsRefusedBeforeAnythingRuns(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 2)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            AtomicInteger innerRuns = new AtomicInteger();
            tm.run(TransactionOptions.named("outer"), tx -> {
                tx.update("INSERT INTO log VALUES ('outer')");
                Throwable refused = catchThrowable(() -> tm.run(TransactionOptions.named("inner")
                        .retry(RetryPolicy.defaults()), inner -> {
                            innerRuns.incrementAndGet();
                            inner.update("INSERT INTO log VALUES ('inner')");
                        }));
                assertThat(refused).isInstanceOf(TransactionException.class)
                        .hasMessageContaining("only the outermost transaction may retry");
                assertThat(((TransactionException) refused).errorCode())
                        .isEqualTo(TransactionErrorCode.RETRY_INSIDE_OUTER_TRANSACTION);
            });
            assertThat(innerRuns).hasValue(0);
            assertThat(db.queryLong("SELECT count(*) FROM log WHERE entry = 'outer'")).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM log WHERE entry = 'inner'")).isZero();
        }
    }

    @DialectTest
    void retryableFailureInNestedWorkRetriesTheOuterTransactionAsAWhole(TestDatabase db) throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 2);
             Connection holder = db.connection(); Statement hold = holder.createStatement()) {
            holder.setAutoCommit(false);
            hold.executeUpdate("UPDATE item SET qty = 1 WHERE id = 1");
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            Duration lockTimeout = db.testDialect() == TestDialect.POSTGRESQL ? Duration.ofMillis(200)
                    : Duration.ofSeconds(1);
            AtomicInteger outerRuns = new AtomicInteger();
            AtomicInteger innerRuns = new AtomicInteger();
            tm.run(TransactionOptions.named("outer").lockTimeout(lockTimeout), tx -> {
                outerRuns.incrementAndGet();
                tx.update("INSERT INTO log VALUES ('outer')");
                tm.run(TransactionOptions.named("inner"), inner -> {
                    innerRuns.incrementAndGet();
                    assertThat(inner.isNested()).isTrue();
                    if (inner.attempt() == 2) {
                        holder.rollback();
                    }
                    inner.update("UPDATE item SET qty = 5 WHERE id = 1");
                    inner.update("INSERT INTO log VALUES ('inner')");
                });
            });
            assertThat(outerRuns).hasValue(2);
            assertThat(innerRuns).as("the inner work never ran on its own").hasValue(outerRuns.get());
            assertThat(tm.monitor().stats().retries(ErrorKind.LOCK_TIMEOUT)).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM log WHERE entry = 'outer'")).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM log WHERE entry = 'inner'")).isEqualTo(1);
            assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(5);
        }
    }

    @DialectTest
    void nestedWorkThatFailsMarksTheOuterTransactionForRollbackEvenWhenTheOuterCatchesIt(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 2)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            Throwable failure = catchThrowable(() -> tm.run(TransactionOptions.named("outer"), tx -> {
                tx.update("INSERT INTO log VALUES ('outer')");
                Throwable inner = catchThrowable(() -> tm.run(TransactionOptions.named("inner"), in -> {
                    in.update("INSERT INTO log VALUES ('inner')");
                    throw new IllegalArgumentException("inner business rule");
                }));
                assertThat(inner).isInstanceOf(IllegalArgumentException.class);
            }));
            assertThat(failure).isInstanceOf(TransactionException.class);
            assertThat(((TransactionException) failure).errorCode())
                    .isEqualTo(TransactionErrorCode.ROLLED_BACK_AFTER_ERROR);
            assertThat(db.queryLong("SELECT count(*) FROM log")).as("nothing half-committed").isZero();
        }
    }

    @DialectTest
    void nestedPropagationRollsBackOnlyToItsSavepoint(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 2)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            tm.run(TransactionOptions.named("outer"), tx -> {
                tx.update("INSERT INTO log VALUES ('outer')");
                Throwable inner = catchThrowable(() -> tm.run(TransactionOptions.named("inner")
                        .propagation(Propagation.NESTED), in -> {
                            in.update("INSERT INTO log VALUES ('inner')");
                            in.update("INSERT INTO item VALUES (1, 0)"); // duplicate key
                        }));
                assertThat(inner).isInstanceOf(TransactionException.class)
                        .hasMessageContaining("rolled back to its savepoint");
            });
            assertThat(db.queryLong("SELECT count(*) FROM log WHERE entry = 'outer'")).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM log WHERE entry = 'inner'")).isZero();
        }
    }

    @DialectTest
    void nestedWorkAskingForAnotherIsolationOrTenantIsRefused(TestDatabase db) {
        try (HikariDataSource pool = Pools.pool(db, 2)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            tm.run(TransactionOptions.named("outer").tenant("a"), tx -> {
                Throwable isolation = catchThrowable(() -> tm.run(TransactionOptions.named("inner")
                        .isolation(Isolation.SERIALIZABLE), in -> in.update("INSERT INTO log VALUES ('x')")));
                Throwable tenant = catchThrowable(() -> tm.run(TransactionOptions.named("inner").tenant("b"),
                        in -> in.update("INSERT INTO log VALUES ('x')")));
                for (Throwable t : new Throwable[] {isolation, tenant}) {
                    assertThat(t).isInstanceOf(TransactionException.class);
                    assertThat(((TransactionException) t).errorCode())
                            .isEqualTo(TransactionErrorCode.NESTED_OPTIONS_CONFLICT);
                }
            });
            assertThat(db.queryLong("SELECT count(*) FROM log")).isZero();
        }
    }
}
