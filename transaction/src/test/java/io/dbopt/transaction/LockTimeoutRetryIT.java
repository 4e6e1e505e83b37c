package io.dbopt.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;

/**
 * Reliability test 2: a lock wait timeout (MariaDB 1205 with a SESSION innodb_lock_wait_timeout of 1 s, PostgreSQL
 * lock_timeout) rolls back the whole transaction before the retry, so its first statement is applied exactly once.
 */
@DbTest
class LockTimeoutRetryIT {

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS counter", "DROP TABLE IF EXISTS item",
                "CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)", "INSERT INTO counter VALUES (1, 0)",
                "CREATE TABLE item (id int PRIMARY KEY, qty int NOT NULL)", "INSERT INTO item VALUES (1, 0)");
    }

    @DialectTest
    void lockTimeoutLeavesTheFirstStatementAppliedInsideThePlainJdbcTransaction(TestDatabase db) throws Exception {
        try (Connection holder = db.connection(); Statement hold = holder.createStatement();
             Connection plain = db.connection(); Statement st = plain.createStatement()) {
            holder.setAutoCommit(false);
            hold.executeUpdate("UPDATE item SET qty = 1 WHERE id = 1");
            plain.setAutoCommit(false);
            st.execute(db.testDialect() == TestDialect.POSTGRESQL ? "SET lock_timeout = '200ms'"
                    : "SET SESSION innodb_lock_wait_timeout = 1");
            st.executeUpdate("UPDATE counter SET n = n + 1 WHERE id = 1");
            SQLException timeout = catchThrowableOfType(SQLException.class,
                    () -> st.executeUpdate("UPDATE item SET qty = 2 WHERE id = 1"));
            assertThat(SqlErrors.classify(timeout)).isEqualTo(ErrorKind.LOCK_TIMEOUT);
            if (db.testDialect() == TestDialect.MARIADB) {
                // 1205 rolled back only the statement: the first one is still applied, so retrying only the failed
                // statement, or committing after catching the error, would apply a partial transaction
                try (ResultSet rs = st.executeQuery("SELECT n FROM counter WHERE id = 1")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            } else {
                // PostgreSQL aborted the whole transaction
                SQLException aborted = catchThrowableOfType(SQLException.class,
                        () -> st.executeQuery("SELECT n FROM counter WHERE id = 1").close());
                assertThat(aborted.getSQLState()).isEqualTo("25P02");
            }
            plain.rollback();
            holder.rollback();
        }
    }

    @DialectTest
    void lockTimeoutRetryRollsBackTheWholeTransactionFirstSoItsFirstStatementIsAppliedOnce(TestDatabase db)
            throws Exception {
        long globalWaitBefore = db.testDialect() == TestDialect.MARIADB
                ? db.queryLong("SELECT @@global.innodb_lock_wait_timeout") : 0;
        try (HikariDataSource pool = Pools.pool(db, 2);
             Connection holder = db.connection(); Statement hold = holder.createStatement()) {
            holder.setAutoCommit(false);
            hold.executeUpdate("UPDATE item SET qty = 1 WHERE id = 1");
            TransactionManager tm = TransactionManager.builder().dataSource(pool).build();
            Duration lockTimeout = db.testDialect() == TestDialect.POSTGRESQL ? Duration.ofMillis(200)
                    : Duration.ofSeconds(1);
            AtomicInteger runs = new AtomicInteger();
            tm.run(TransactionOptions.named("bump").lockTimeout(lockTimeout), tx -> {
                runs.incrementAndGet();
                tx.update("UPDATE counter SET n = n + 1 WHERE id = 1");
                if (tx.attempt() == 2) {
                    holder.rollback(); // the blocker goes away before the retry reaches the locked row
                }
                tx.update("UPDATE item SET qty = 2 WHERE id = 1");
            });
            assertThat(runs).hasValue(2);
            assertThat(tm.monitor().stats().retries(ErrorKind.LOCK_TIMEOUT)).isEqualTo(1);
            assertThat(db.queryLong("SELECT n FROM counter WHERE id = 1")).as("first statement applied once")
                    .isEqualTo(1);
            assertThat(db.queryLong("SELECT qty FROM item WHERE id = 1")).isEqualTo(2);
        }
        if (db.testDialect() == TestDialect.MARIADB) {
            assertThat(db.queryLong("SELECT @@global.innodb_lock_wait_timeout")).as("only the session was changed")
                    .isEqualTo(globalWaitBefore);
        }
    }
}
