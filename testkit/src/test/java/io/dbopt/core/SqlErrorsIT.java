package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;

/** Errors provoked on the real servers are classified by SQLState and vendor code, never by class or text. */
@DbTest
class SqlErrorsIT {

    /** A query that runs for many seconds on MariaDB (SLEEP is not interrupted by max_statement_time). */
    private static final String SLOW_MARIADB =
            "SELECT count(*) FROM seq_1_to_10000 a, seq_1_to_10000 b WHERE a.seq * b.seq % 7 = 3";

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS child", "DROP TABLE IF EXISTS items",
                "CREATE TABLE items (id int PRIMARY KEY, name varchar(20) NOT NULL, qty int CHECK (qty >= 0))",
                "INSERT INTO items VALUES (1, 'a', 1), (2, 'b', 2)");
    }

    @DialectTest
    void classifiesARealDeadlock(TestDatabase db) throws Exception {
        CountDownLatch bothLocked = new CountDownLatch(2);
        CompletableFuture<SQLException> first = CompletableFuture.supplyAsync(() -> lockInOrder(db, 1, 2, bothLocked));
        CompletableFuture<SQLException> second = CompletableFuture.supplyAsync(() -> lockInOrder(db, 2, 1, bothLocked));
        List<SQLException> failures = new ArrayList<>();
        for (CompletableFuture<SQLException> outcome : List.of(first, second)) {
            SQLException e = outcome.get(30, TimeUnit.SECONDS);
            if (e != null) {
                failures.add(e);
            }
        }
        assertThat(failures).as("exactly one deadlock victim").hasSize(1);
        assertThat(SqlErrors.classify(failures.get(0))).isEqualTo(ErrorKind.DEADLOCK);
        assertThat(ErrorKind.DEADLOCK.retryable()).isTrue();
    }

    private static SQLException lockInOrder(TestDatabase db, int firstId, int secondId, CountDownLatch bothLocked) {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("UPDATE items SET qty = qty + 1 WHERE id = " + firstId);
            bothLocked.countDown();
            bothLocked.await(10, TimeUnit.SECONDS);
            try {
                st.executeUpdate("UPDATE items SET qty = qty + 1 WHERE id = " + secondId);
                c.commit();
                return null;
            } catch (SQLException e) {
                c.rollback();
                return e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @DialectTest
    void classifiesConstraintViolations(TestDatabase db) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            assertThat(kindOf(st, "INSERT INTO items VALUES (1, 'dup', 0)")).isEqualTo(ErrorKind.UNIQUE_VIOLATION);
            assertThat(kindOf(st, "INSERT INTO items VALUES (3, NULL, 0)")).isEqualTo(ErrorKind.NOT_NULL_VIOLATION);
            assertThat(kindOf(st, "INSERT INTO items VALUES (4, 'neg', -1)")).isEqualTo(ErrorKind.CHECK_VIOLATION);
            st.execute("CREATE TABLE child (id int PRIMARY KEY, item_id int REFERENCES items (id))");
            if (db.testDialect() == TestDialect.MARIADB) {
                st.execute("ALTER TABLE child ADD FOREIGN KEY (item_id) REFERENCES items (id)");
            }
            assertThat(kindOf(st, "INSERT INTO child VALUES (1, 99)")).isEqualTo(ErrorKind.FOREIGN_KEY_VIOLATION);
        }
    }

    @DialectTest
    void classifiesSyntaxErrorsAndMissingObjects(TestDatabase db) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            assertThat(kindOf(st, "SELEC 1")).isEqualTo(ErrorKind.SYNTAX_ERROR);
            assertThat(kindOf(st, "SELECT * FROM no_such_table")).isEqualTo(ErrorKind.UNDEFINED_OBJECT);
            assertThat(kindOf(st, "CREATE TABLE items (id int)")).isEqualTo(ErrorKind.DUPLICATE_OBJECT);
        }
    }

    @DialectTest
    void classifiesAStatementTimeout(TestDatabase db) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                st.execute("SET statement_timeout = 200");
                assertThat(kindOf(st, "SELECT pg_sleep(5)")).isEqualTo(ErrorKind.STATEMENT_TIMEOUT);
            } else {
                st.execute("SET SESSION max_statement_time = 0.2");
                assertThat(kindOf(st, SLOW_MARIADB)).isEqualTo(ErrorKind.STATEMENT_TIMEOUT);
            }
        }
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(1); // the JDBC way, on both drivers
            String slow = db.testDialect() == TestDialect.POSTGRESQL ? "SELECT pg_sleep(5)" : SLOW_MARIADB;
            assertThat(kindOf(st, slow)).isEqualTo(ErrorKind.STATEMENT_TIMEOUT);
        }
    }

    @DialectTest
    void classifiesALockTimeout(TestDatabase db) throws SQLException {
        try (Connection holder = db.connection(); Statement hold = holder.createStatement();
             Connection waiter = db.connection(); Statement wait = waiter.createStatement()) {
            holder.setAutoCommit(false);
            hold.executeUpdate("UPDATE items SET qty = 5 WHERE id = 1");
            waiter.setAutoCommit(false);
            wait.execute(db.testDialect() == TestDialect.POSTGRESQL ? "SET lock_timeout = 200"
                    : "SET SESSION innodb_lock_wait_timeout = 1");
            assertThat(kindOf(wait, "UPDATE items SET qty = 6 WHERE id = 1")).isEqualTo(ErrorKind.LOCK_TIMEOUT);
            waiter.rollback();
            holder.rollback();
        }
    }

    @DialectTest
    void classifiesATerminatedConnection(TestDatabase db) throws SQLException {
        try (Connection victim = db.connection(); Statement st = victim.createStatement();
             Connection admin = db.connection(); Statement kill = admin.createStatement()) {
            long id;
            try (ResultSet rs = st.executeQuery(db.testDialect() == TestDialect.POSTGRESQL
                    ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
                rs.next();
                id = rs.getLong(1);
            }
            kill.execute(db.testDialect() == TestDialect.POSTGRESQL ? "SELECT pg_terminate_backend(" + id + ")"
                    : "KILL CONNECTION " + id);
            SQLException e = catchThrowableOfType(SQLException.class, () -> {
                // the first statement may still be answered from the socket buffer on some drivers: try twice
                try (ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                }
                try (Statement again = victim.createStatement(); ResultSet rs = again.executeQuery("SELECT 1")) {
                    rs.next();
                }
            });
            assertThat((Throwable) e).as("using a terminated connection fails").isNotNull();
            ErrorKind kind = SqlErrors.classify(e);
            assertThat(kind).isEqualTo(ErrorKind.CONNECTION_LOST);
            assertThat(kind.connectionBroken()).isTrue();
        }
    }

    private static ErrorKind kindOf(Statement st, String sql) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> st.execute(sql));
        assertThat((Throwable) e).as("%s fails", sql).isNotNull();
        return SqlErrors.classify(e);
    }
}
