package io.dbopt.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.finding.Finding;
import io.dbopt.health.alert.Alert;
import io.dbopt.health.alert.AlertState;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Each condition the checker exists for, planted on a real server: it is detected with the session or object named,
 * its alert fires once, and when the condition is removed the alert resolves once.
 */
@DbTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PlantedConditionsIT {

    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    private DatabaseHealthMonitor monitor(TestDatabase db) {
        return DatabaseHealthMonitor.builder().config(HealthTests.config(db, Map.of(
                        "health.long_query.warn", "1s", "health.idle_in_transaction.warn", "1s",
                        "health.blocked.warn", "1s", "alerts.checks.for", "0s", "alerts.cooldown", "0s")))
                .onAlert(alerts::add).build();
    }

    /** Waits until {@code check} reports a finding, then returns it. */
    private static Finding awaitFinding(DatabaseHealthMonitor monitor, String check) {
        Finding[] found = new Finding[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Health part = monitor.checkNow().components().get(check);
            if (part != null && !part.findings().isEmpty()) {
                found[0] = part.findings().get(0);
                return true;
            }
            return false;
        });
        return found[0];
    }

    private void awaitCleared(DatabaseHealthMonitor monitor, String check) throws InterruptedException {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> monitor.checkNow().components().get(check).status() == HealthStatus.UP);
        monitor.checkNow();
        assertThat(monitor.alerts().awaitDispatch(Duration.ofSeconds(5))).isTrue();
    }

    private void assertFiredOnceAndResolvedOnce(String check) {
        List<Alert> mine = alerts.stream().filter(a -> a.rule().equals("health." + check)).toList();
        assertThat(mine).as(mine.toString()).hasSize(2);
        assertThat(mine.get(0).state()).isEqualTo(AlertState.FIRING);
        assertThat(mine.get(0).repeat()).isFalse();
        assertThat(mine.get(1).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(mine.get(1).endsAt()).isPresent();
        assertThat(mine.get(0).fingerprint()).isEqualTo(mine.get(1).fingerprint());
    }

    @DialectTest
    void detectsASessionIdleInATransaction(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE wallets (id int PRIMARY KEY, balance int)", "INSERT INTO wallets VALUES (1, 10)");
        try (DatabaseHealthMonitor monitor = monitor(db); Connection idle = db.connection()) {
            assertThat(monitor.checkNow().components().get("idle-in-transaction").findings()).isEmpty();
            idle.setAutoCommit(false);
            try (Statement st = idle.createStatement()) {
                st.executeUpdate("UPDATE wallets SET balance = balance + 1 WHERE id = 1");
            }
            Finding f = awaitFinding(monitor, "idle-in-transaction");
            assertThat(f.message()).contains("idle inside an open transaction");
            assertThat(f.fix().statements()).singleElement().asString().containsAnyOf("pg_terminate_backend", "KILL");

            idle.rollback();
            awaitCleared(monitor, "idle-in-transaction");
            assertFiredOnceAndResolvedOnce("idle-in-transaction");
        }
    }

    @DialectTest
    void detectsALongRunningQuery(TestDatabase db, TestDialect dialect) throws Exception {
        try (DatabaseHealthMonitor monitor = monitor(db); Connection busy = db.connection();
             Statement st = busy.createStatement()) {
            Future<?> sleeping = background.submit(() -> st.execute(dialect == TestDialect.POSTGRESQL
                    ? "SELECT pg_sleep(60)" : "SELECT SLEEP(60)"));
            Finding f = awaitFinding(monitor, "long-queries");
            assertThat(f.message()).contains("running longer than");
            assertThat(f.evidenceValue("longest_seconds")).get().asString().isNotEmpty();
            assertThat(monitor.performance().latest("slow_queries").orElse(0)).isGreaterThanOrEqualTo(1);

            st.cancel();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(sleeping::isDone);
            awaitCleared(monitor, "long-queries");
            assertFiredOnceAndResolvedOnce("long-queries");
        }
    }

    @DialectTest
    void detectsABlockedSessionAndItsBlocker(TestDatabase db, TestDialect dialect) throws Exception {
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int)", "INSERT INTO accounts VALUES (1, 10)");
        try (DatabaseHealthMonitor monitor = monitor(db); Connection holder = db.connection();
             Connection waiter = db.connection()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 1");
            }
            if (dialect == TestDialect.MARIADB) {
                try (Statement st = waiter.createStatement()) {
                    st.execute("SET SESSION innodb_lock_wait_timeout = 60");
                }
            }
            Future<?> blocked = background.submit(() -> {
                try (Statement st = waiter.createStatement()) {
                    return st.executeUpdate("UPDATE accounts SET balance = 5 WHERE id = 1");
                }
            });
            Finding f = awaitFinding(monitor, "blocked-sessions");
            assertThat(f.message()).contains("waiting for a lock").contains("blocked by pid");
            assertThat(f.evidenceValue("blocker_pid")).isPresent();

            holder.rollback();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(blocked::isDone);
            awaitCleared(monitor, "blocked-sessions");
            assertFiredOnceAndResolvedOnce("blocked-sessions");
        }
    }

    @DialectTest
    void detectsASequenceNearItsMaximum(TestDatabase db, TestDialect dialect) throws Exception {
        if (dialect == TestDialect.POSTGRESQL) {
            db.execute("CREATE TABLE tickets (id smallserial PRIMARY KEY, note text)",
                    "SELECT setval('tickets_id_seq', 32000)");
        } else {
            db.execute("CREATE TABLE tickets (id tinyint AUTO_INCREMENT PRIMARY KEY, note text)",
                    "INSERT INTO tickets (id, note) VALUES (125, 'x')");
        }
        try (DatabaseHealthMonitor monitor = monitor(db)) {
            Finding f = awaitFinding(monitor, "sequences");
            assertThat(f.message()).contains("of its range");
            assertThat(f.severity().name()).isEqualTo("ERROR");
            assertThat(f.fix().statements()).first().asString().contains("ALTER TABLE").contains("tickets");

            // the fix the finding gives, applied as it is
            db.execute(f.fix().statements().toArray(String[]::new));
            awaitCleared(monitor, "sequences");
            assertFiredOnceAndResolvedOnce("sequences");
        }
    }

    @DialectTest
    void detectsATableBloatedByMassDeletes(TestDatabase db, TestDialect dialect) throws Exception {
        if (dialect == TestDialect.POSTGRESQL) {
            db.execute("CREATE TABLE events (id int PRIMARY KEY, payload text)",
                    "INSERT INTO events SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 40000) g",
                    "DELETE FROM events WHERE id % 10 <> 0", "ANALYZE events");
        } else {
            db.execute("CREATE TABLE events (id int PRIMARY KEY, payload varchar(200))",
                    "INSERT INTO events SELECT seq, repeat(md5(seq), 4) FROM seq_1_to_40000",
                    "DELETE FROM events WHERE id % 10 <> 0", "ANALYZE TABLE events");
        }
        try (DatabaseHealthMonitor monitor = DatabaseHealthMonitor.builder().config(HealthTests.config(db, Map.of(
                "health.bloat.table_warn", "1MB", "alerts.enabled", "false"))).build()) {
            Finding f = awaitFinding(monitor, "table-bloat");
            assertThat(f.object().name()).contains("events");
            assertThat(f.evidenceValue("wasted_bytes")).get().satisfies(v ->
                    assertThat(((Number) v).longValue()).isGreaterThanOrEqualTo(1L << 20));
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void detectsAnInvalidIndexLeftByAFailedConcurrentBuild(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE users (id int PRIMARY KEY, email text)",
                "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com')");
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)");
        } catch (SQLException expected) {
            // the duplicate makes the build fail and leaves the index invalid
        }
        try (DatabaseHealthMonitor monitor = monitor(db)) {
            Finding f = awaitFinding(monitor, "invalid-indexes");
            assertThat(f.object().name()).contains("users_email_key");
            assertThat(f.fix().statements()).singleElement().asString().startsWith("REINDEX INDEX CONCURRENTLY");

            db.execute("DROP INDEX users_email_key");
            awaitCleared(monitor, "invalid-indexes");
            assertFiredOnceAndResolvedOnce("invalid-indexes");
        }
    }
}
