package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;

/**
 * Reliability tests 3 and 4: the lost update and the write skew, each shown happening first (the test proves it can
 * see the anomaly), then prevented by the recommended pattern; the isolation advisor flags the unsafe versions.
 */
@DbTest
class IsolationAnomaliesIT {

    private static final int WORKERS = 4;
    private static final int INCREMENTS = 25;

    @DialectTest
    void lostUpdateHappensAtReadCommittedWithoutLockAndNeverWithForUpdate(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS counter", "CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO counter VALUES (1, 0)");
        IsolationAdvisor advisor = IsolationAdvisor.create();
        try (HikariDataSource pool = Pools.pool(db, WORKERS)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).isolationAdvisor(advisor).build();
            TransactionOptions unsafe = TransactionOptions.named("increment-unsafe")
                    .isolation(Isolation.READ_COMMITTED).noRetry();

            // 1. The anomaly, made certain: both transactions read 0 before either writes.
            CyclicBarrier bothRead = new CyclicBarrier(2);
            Callable<Void> readModifyWrite = () -> {
                tm.run(unsafe, tx -> {
                    int n = read(tx, "SELECT n FROM counter WHERE id = 1");
                    Concurrency.await(bothRead);
                    tx.update("UPDATE counter SET n = ? WHERE id = 1", n + 1);
                });
                return null;
            };
            Concurrency.runAll(List.of(readModifyWrite, readModifyWrite));
            assertThat(db.queryLong("SELECT n FROM counter")).as("one of two increments was lost").isEqualTo(1);

            // 2. The recommended pattern: lock the row when reading it.
            db.execute("UPDATE counter SET n = 0");
            TransactionOptions locked = TransactionOptions.named("increment-locked").isolation(Isolation.READ_COMMITTED);
            runConcurrently(() -> tm.run(locked, tx -> {
                int n = read(tx, "SELECT n FROM counter WHERE id = 1 FOR UPDATE");
                tx.update("UPDATE counter SET n = ? WHERE id = 1", n + 1);
            }));
            assertThat(db.queryLong("SELECT n FROM counter")).isEqualTo(WORKERS * INCREMENTS);
        }
        List<Finding> findings = advisor.findings();
        assertThat(findings).extracting(f -> f.check().value() + " " + f.object().name())
                .contains("transaction.lost-update-risk increment-unsafe")
                .noneMatch(s -> s.contains("increment-locked"));
        assertThat(findings.get(0).evidenceValue("read_statement")).hasValue("SELECT n FROM counter WHERE id = ?");
    }

    @DialectTest
    void lostUpdateIsPreventedBySnapshotIsolationWithRetries(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS counter", "CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)",
                "INSERT INTO counter VALUES (1, 0)");
        // MariaDB's REPEATABLE READ detects the conflict (error 1020) only with snapshot isolation on
        try (HikariDataSource pool = db.testDialect() == TestDialect.MARIADB
                ? Pools.pool(db, WORKERS, "SET SESSION innodb_snapshot_isolation = ON") : Pools.pool(db, WORKERS)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool)
                    .retryPolicy(RetryPolicy.defaults().withMaxAttempts(50)).build();
            TransactionOptions snapshot = TransactionOptions.named("increment-rr").isolation(Isolation.REPEATABLE_READ);
            runConcurrently(() -> tm.run(snapshot, tx -> {
                int n = read(tx, "SELECT n FROM counter WHERE id = 1");
                tx.update("UPDATE counter SET n = ? WHERE id = 1", n + 1);
            }));
            assertThat(db.queryLong("SELECT n FROM counter")).isEqualTo(WORKERS * INCREMENTS);
            assertThat(tm.monitor().stats().commits()).isEqualTo(WORKERS * INCREMENTS);
            assertThat(tm.monitor().stats().retries().keySet())
                    .allMatch(k -> k == ErrorKind.SERIALIZATION_FAILURE || k == ErrorKind.DEADLOCK);
        }
    }

    @DialectTest
    void writeSkewBreaksTheOnCallRuleAtReadCommittedAndSerializableWithRetriesKeepsIt(TestDatabase db)
            throws Exception {
        IsolationAdvisor advisor = IsolationAdvisor.create();
        try (HikariDataSource pool = Pools.pool(db, 2)) {
            TransactionManager tm = TransactionManager.builder().dataSource(pool).isolationAdvisor(advisor).build();

            resetDoctors(db);
            goOffCallTogether(tm, TransactionOptions.named("off-call-rc").isolation(Isolation.READ_COMMITTED)
                    .noRetry());
            assertThat(db.queryLong("SELECT count(*) FROM doctor WHERE on_call")).as("nobody is on call any more")
                    .isZero();

            resetDoctors(db);
            goOffCallTogether(tm, TransactionOptions.named("off-call-serializable")
                    .isolation(Isolation.SERIALIZABLE));
            assertThat(db.queryLong("SELECT count(*) FROM doctor WHERE on_call")).isEqualTo(1);
            TransactionStats stats = tm.monitor().stats();
            assertThat(stats.retries(db.testDialect() == TestDialect.POSTGRESQL ? ErrorKind.SERIALIZATION_FAILURE
                    : ErrorKind.DEADLOCK)).isGreaterThanOrEqualTo(1);
            assertThat(stats.totalFailures()).isZero();
        }
        assertThat(advisor.findings()).extracting(f -> f.check().value() + " " + f.object().name())
                .contains("transaction.write-skew-risk off-call-rc")
                .noneMatch(s -> s.contains("off-call-serializable"));
    }

    private static void resetDoctors(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS doctor",
                "CREATE TABLE doctor (name varchar(20) PRIMARY KEY, on_call boolean NOT NULL, shift int NOT NULL)",
                "INSERT INTO doctor VALUES ('alice', true, 1), ('bob', true, 1)");
    }

    /** Alice and Bob each check that someone else is on call, then go off call, checking before either writes. */
    private static void goOffCallTogether(TransactionManager tm, TransactionOptions options) throws Exception {
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        List<Callable<Void>> doctors = new ArrayList<>();
        for (String name : List.of("alice", "bob")) {
            doctors.add(() -> {
                tm.run(options, tx -> {
                    int onCall = read(tx, "SELECT count(*) FROM doctor WHERE on_call AND shift = 1");
                    if (tx.attempt() == 1) {
                        Concurrency.await(bothChecked);
                    }
                    if (onCall >= 2) {
                        tx.update("UPDATE doctor SET on_call = false WHERE name = ?", name);
                    }
                });
                return null;
            });
        }
        Concurrency.runAll(doctors);
    }

    private static int read(Transaction tx, String sql) throws SQLException {
        return tx.queryFirst(sql, rs -> rs.getInt(1)).orElseThrow();
    }

    private static void runConcurrently(Runnable increment) throws Exception {
        List<Callable<Void>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(() -> {
                for (int i = 0; i < INCREMENTS; i++) {
                    increment.run();
                }
                return null;
            });
        }
        Concurrency.runAll(workers);
    }
}
