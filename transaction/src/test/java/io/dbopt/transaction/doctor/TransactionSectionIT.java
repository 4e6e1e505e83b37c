package io.dbopt.transaction.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.transaction.Isolation;
import io.dbopt.transaction.IsolationAdvisor;
import io.dbopt.transaction.TransactionManager;
import io.dbopt.transaction.TransactionTrace;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

/** The doctor's Transactions section against real blocking chains and deadlocks. */
@DbTest
class TransactionSectionIT {

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS item", "CREATE TABLE item (id int PRIMARY KEY, qty int NOT NULL)",
                "INSERT INTO item VALUES (1, 0), (2, 0)");
    }

    private static FindingsReport doctor(TestDatabase db, Object... attachments) {
        Doctor.Builder builder = Doctor.builder().dataSource(db.dataSource())
                .sections(List.of(new TransactionSection()));
        for (Object a : attachments) {
            attach(builder, a);
        }
        return builder.build().run();
    }

    @SuppressWarnings("unchecked")
    private static <T> void attach(Doctor.Builder builder, T value) {
        builder.attach((Class<T>) value.getClass(), value);
    }

    private static List<Finding> findings(FindingsReport report, String check) {
        return report.findings().stream().filter(f -> f.check().value().equals(check)).toList();
    }

    @DialectTest
    void reportsTheBlockingChainRootWithAFixToEndIt(TestDatabase db) throws Exception {
        assertThat(Doctor.discoverSections()).anyMatch(s -> s instanceof TransactionSection);
        try (Connection holder = db.connection(); Statement hold = holder.createStatement()) {
            holder.setAutoCommit(false);
            hold.executeUpdate("UPDATE item SET qty = 1 WHERE id = 1");
            List<CompletableFuture<Void>> waiters = List.of(blockedUpdate(db), blockedUpdate(db));
            try {
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                        .until(() -> findings(doctor(db), "transaction.blocking-chain").stream()
                                .anyMatch(f -> f.evidenceValue("blocked_sessions").equals(java.util.Optional.of(2))));
                FindingsReport report = doctor(db);
                Finding chain = findings(report, "transaction.blocking-chain").get(0);
                assertThat(chain.message()).contains("idle in transaction").contains("blocks 2 session(s)")
                        .doesNotContain("= 1 WHERE");
                assertThat(chain.fix().statements()).singleElement().asString()
                        .containsAnyOf("pg_terminate_backend(", "KILL ");
                assertThat(report.sections().get(0).facts()).anySatisfy(f -> {
                    assertThat(f.name()).isEqualTo("sessions waiting for locks");
                    assertThat(f.value()).isEqualTo("2");
                });
            } finally {
                holder.rollback();
                for (CompletableFuture<Void> w : waiters) {
                    w.get(20, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static CompletableFuture<Void> blockedUpdate(TestDatabase db) {
        return CompletableFuture.runAsync(() -> {
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE item SET qty = qty + 1 WHERE id = 1");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @DialectTest
    void reportsDeadlocksOfThisDatabase(TestDatabase db) throws Exception {
        String check = db.testDialect() == TestDialect.POSTGRESQL ? "transaction.deadlocks"
                : "transaction.latest-deadlock";
        // PostgreSQL's statistics and MariaDB's latest-deadlock record are updated a moment after the deadlock, and
        // MariaDB keeps only the latest one server-wide (another test's may replace ours): provoke until reported
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
            provokeDeadlock(db);
            return !findings(doctor(db), check).isEmpty();
        });
        Finding deadlock = findings(doctor(db), check).get(0);
        if (db.testDialect() == TestDialect.MARIADB) {
            assertThat(deadlock.object().name()).contains("`" + db.name() + "`.`item`");
            assertThat(deadlock.message()).contains("victim");
        } else {
            assertThat(deadlock.evidenceValue("deadlocks")).hasValueSatisfying(n ->
                    assertThat(((Number) n).longValue()).isPositive());
        }
    }

    private static void provokeDeadlock(TestDatabase db) throws Exception {
        CountDownLatch bothLocked = new CountDownLatch(2);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> lockInOrder(db, 1, 2, bothLocked));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> lockInOrder(db, 2, 1, bothLocked));
        a.get(30, TimeUnit.SECONDS);
        b.get(30, TimeUnit.SECONDS);
    }

    private static void lockInOrder(TestDatabase db, int first, int second, CountDownLatch bothLocked) {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                st.execute("SET deadlock_timeout = '100ms'");
            }
            st.executeUpdate("UPDATE item SET qty = qty + 1 WHERE id = " + first);
            bothLocked.countDown();
            bothLocked.await(10, TimeUnit.SECONDS);
            try {
                st.executeUpdate("UPDATE item SET qty = qty + 1 WHERE id = " + second);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @DialectTest
    void includesTheAttachedManagersAndAdvisorsFindings(TestDatabase db) {
        IsolationAdvisor advisor = IsolationAdvisor.create();
        advisor.observe(new TransactionTrace("checkout", Isolation.READ_COMMITTED, DatabaseProduct.POSTGRESQL,
                List.of("SELECT stock FROM item WHERE id = ?", "UPDATE item SET stock = ? WHERE id = ?")));
        TransactionManager tm = TransactionManager.builder().dataSource(db.dataSource()).build();
        tm.run(tx -> tx.update("UPDATE item SET qty = 3 WHERE id = 2"));
        FindingsReport report = doctor(db, tm, advisor);
        assertThat(findings(report, "transaction.lost-update-risk")).singleElement()
                .satisfies(f -> assertThat(f.object().name()).isEqualTo("checkout"));
        assertThat(report.sections().get(0).facts()).anySatisfy(f ->
                assertThat(f.value()).startsWith("1 commit(s)"));
        assertThat(report.toText()).contains("Transactions");
    }
}
