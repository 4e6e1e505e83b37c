package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.DbOptException;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.core.jdbc.ForwardingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** The manager as a dbopt component: built from the configuration, {@code metrics()} and {@code healthCheck()}. */
@DbTest
@Timeout(90)
class TransactionComponentIT {

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS account", "CREATE TABLE account (id int PRIMARY KEY, balance int NOT NULL)",
                "INSERT INTO account VALUES (1, 100), (2, 100)");
    }

    private static DbOptConfig config(TestDatabase db, Map<String, Object> more) {
        DbOptConfig.Builder b = DbOptConfig.builder().set("database.url", db.jdbcUrl()).set("database.user", db.user())
                .set("database.password", db.password());
        more.forEach(b::set);
        return b.build();
    }

    @DialectTest
    void createdFromTheConfigurationWithItsSettingsAndItsOwnDataSource(TestDatabase db) throws Exception {
        try (TransactionManager tm = TransactionManager.create(config(db, Map.of("transaction.max_attempts", 3,
                "transaction.initial_backoff", "5ms", "transaction.max_backoff", "50ms",
                "transaction.isolation", "serializable", "transaction.name", "bank")))) {
            assertThat(tm.retryPolicy().maxAttempts()).isEqualTo(3);
            assertThat(tm.retryPolicy().initialBackoff()).isEqualTo(Duration.ofMillis(5));
            assertThat(tm.retryPolicy().maxBackoff()).isEqualTo(Duration.ofMillis(50));
            assertThat(tm.toString()).contains("bank");
            String isolation = tm.execute(tx -> tx.queryFirst(db.testDialect() == TestDialect.POSTGRESQL
                    ? "SHOW transaction_isolation" : "SELECT @@session.tx_isolation", rs -> rs.getString(1))
                    .orElseThrow());
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                assertThat(isolation).isEqualTo("serializable"); // SET TRANSACTION took effect
            }
            tm.run(tx -> tx.update("UPDATE account SET balance = balance - 1 WHERE id = 1"));
            assertThat(tm.metrics().stats().commits()).isEqualTo(2);
            assertThat(tm.metrics().values()).containsEntry("commits", 2L).containsEntry("open", 0);
            assertThat(tm.healthCheck().status()).isEqualTo(HealthStatus.UP);
        }
        assertThat(db.queryLong("SELECT balance FROM account WHERE id = 1")).isEqualTo(99);
    }

    @DialectTest
    void badSettingsFailNamingTheKeyAndTheValue(TestDatabase db) {
        assertThatThrownBy(() -> TransactionManager.create(config(db, Map.of("transaction.max_attempts", 0))))
                .isInstanceOf(DbOptException.class).hasMessageContaining("transaction.max_attempts")
                .hasMessageContaining("0").hasMessageContaining("from 1 to 1000");
        assertThatThrownBy(() -> TransactionManager.create(config(db, Map.of("transaction.initial_backoff", "2s",
                "transaction.max_backoff", "1s"))))
                .isInstanceOf(DbOptException.class).hasMessageContaining("transaction.max_backoff");
        assertThatThrownBy(() -> TransactionManager.create(config(db, Map.of("transaction.tenant_variable",
                "bad name;"))))
                .isInstanceOf(DbOptException.class).hasMessageContaining("transaction.tenant_variable");
        assertThatThrownBy(() -> DbOptConfig.of(Map.of("transaction.max_atempts", 3)))
                .isInstanceOf(DbOptException.class).hasMessageContaining("transaction.max_attempts");
    }

    @DialectTest
    void exhaustedRetriesDegradeTheHealthUntilTheNextInterval(TestDatabase db) throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 3);
             TransactionManager tm = TransactionManager.builder().dataSource(pool)
                     .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ZERO, Duration.ZERO))
                     .build();
             Connection holder = db.connection(); Statement hold = holder.createStatement()) {
            tm.run(tx -> tx.update("UPDATE account SET balance = balance + 0 WHERE id = 2"));
            holder.setAutoCommit(false);
            hold.executeUpdate("UPDATE account SET balance = 0 WHERE id = 1");
            try {
                assertThatThrownBy(() -> tm.run(TransactionOptions.named("blocked").lockTimeout(Duration.ofSeconds(1)),
                        tx -> tx.update("UPDATE account SET balance = 1 WHERE id = 1")))
                        .isInstanceOf(RetriesExhaustedException.class);
            } finally {
                holder.rollback();
            }
            Health health = tm.healthCheck();
            assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(health.findings()).extracting(f -> f.check().value()).contains("transaction.retries-exhausted");
            assertThat(health.details()).containsEntry("retries_exhausted", 1L);
            assertThat(tm.metrics().stats().retriesExhausted()).isEqualTo(1);
            // the next interval saw nothing bad
            tm.run(tx -> tx.update("UPDATE account SET balance = balance + 0 WHERE id = 2"));
            assertThat(tm.healthCheck().status()).isEqualTo(HealthStatus.UP);
        }
    }

    @DialectTest
    void aLongTransactionDegradesTheHealthWhileItIsOpen(TestDatabase db) throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 3);
             TransactionManager tm = TransactionManager.builder().dataSource(pool)
                     .healthThresholds(Duration.ofMillis(200), 0.01, Duration.ofMinutes(5)).build()) {
            CountDownLatch release = new CountDownLatch(1);
            Thread slow = new Thread(() -> tm.run(TransactionOptions.named("slow"), tx -> {
                tx.update("UPDATE account SET balance = balance + 1 WHERE id = 1");
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            slow.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> tm.healthCheck().findings().stream()
                                .anyMatch(f -> f.check().value().equals("transaction.open-too-long")));
                assertThat(tm.healthCheck().status()).isEqualTo(HealthStatus.DEGRADED);
                assertThat(tm.metrics().open()).isEqualTo(1);
                assertThat(tm.metrics().oldestOpen()).isGreaterThan(Duration.ofMillis(200));
            } finally {
                release.countDown();
                slow.join(30_000);
            }
            assertThat(tm.healthCheck().status()).isEqualTo(HealthStatus.UP);
        }
    }

    @DialectTest
    void anUnreachableDatabaseIsDownUntilATransactionCommitsAndAClosedManagerIsDown(TestDatabase db)
            throws Exception {
        try (HikariDataSource pool = Pools.pool(db, 2)) {
            AtomicBoolean refuse = new AtomicBoolean();
            // the fault: the data source cannot hand out a connection (as a pool whose database is gone)
            DataSource flaky = new ForwardingDataSource(pool) {
                @Override
                public Connection getConnection() throws SQLException {
                    if (refuse.get()) {
                        throw new SQLException("Connection refused", "08001");
                    }
                    return super.getConnection();
                }
            };
            TransactionManager tm = TransactionManager.builder().dataSource(flaky).build();
            refuse.set(true);
            try {
                assertThatThrownBy(() -> tm.run(tx -> tx.update("UPDATE account SET balance = 1 WHERE id = 1")))
                        .isInstanceOf(TransactionException.class);
                Health down = tm.healthCheck();
                assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
                assertThat(down.findings()).extracting(f -> f.check().value()).contains("transaction.database-unreachable");
            } finally {
                refuse.set(false);
            }
            tm.run(tx -> tx.update("UPDATE account SET balance = 1 WHERE id = 1"));
            assertThat(tm.healthCheck().status()).isEqualTo(HealthStatus.UP);
            tm.close();
            tm.close();
            assertThat(tm.healthCheck().status()).isEqualTo(HealthStatus.DOWN);
        }
    }
}
