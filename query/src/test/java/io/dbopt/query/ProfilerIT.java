package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.ErrorKind;
import io.dbopt.query.jdbc.ProfiledConnection;
import io.dbopt.query.sql.StatementKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProfilerIT {

    private QueryProfiler profiler;

    @BeforeEach
    void profiler() {
        profiler = QueryProfiler.builder().name("test").slowQueryThreshold(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS items");
    }

    private ProfiledDataSource items(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, name varchar(50))");
        return profiler.instrument(db.dataSource());
    }

    @DialectTest
    void fingerprintsStayTheSameWhenLiteralsChange(TestDatabase db) throws Exception {
        ProfiledDataSource ds = items(db);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (int i = 1; i <= 3; i++) {
                st.executeUpdate("INSERT INTO items (id, name) VALUES (" + i + ", 'item " + i + "')");
            }
            for (int i = 1; i <= 3; i++) {
                try (ResultSet rs = st.executeQuery("SELECT name FROM items WHERE id = " + i)) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
        assertThat(profiler.query("insert into items (id, name) values (?, ?)")).hasValueSatisfying(q -> {
            assertThat(q.executions()).isEqualTo(3);
            assertThat(q.kind()).isEqualTo(StatementKind.INSERT);
            assertThat(q.rows()).isEqualTo(3);
        });
        assertThat(profiler.query("select name from items where id = ?")).hasValueSatisfying(q -> {
            assertThat(q.executions()).isEqualTo(3);
            assertThat(q.rows()).isEqualTo(3);
            assertThat(q.tables()).containsExactly("items");
        });
        assertThat(profiler.queries()).hasSize(2);
    }

    @DialectTest
    void recordsEveryStatementOfABatch(TestDatabase db) throws Exception {
        ProfiledDataSource ds = items(db);
        try (ProfilerScope scope = profiler.scope("batch");
             Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)")) {
                for (int i = 1; i <= 5; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "n" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.addBatch("UPDATE items SET name = 'x' WHERE id = 1");
                st.addBatch("UPDATE items SET name = 'y' WHERE id = 2");
                st.addBatch("DELETE FROM items WHERE id = 5");
                st.executeBatch();
            }
            assertThat(scope.statements()).hasSize(8).allSatisfy(r -> assertThat(r.batched()).isTrue());
            assertThat(scope.count(StatementKind.INSERT)).isEqualTo(5);
            assertThat(scope.count(StatementKind.UPDATE)).isEqualTo(2);
            assertThat(scope.count(StatementKind.DELETE)).isEqualTo(1);
        }
        assertThat(profiler.query("insert into items (id, name) values (?, ?)")).hasValueSatisfying(q -> {
            assertThat(q.executions()).isEqualTo(5);
            assertThat(q.batched()).isEqualTo(5);
        });
        assertThat(profiler.query("update items set name = ? where id = ?").orElseThrow().executions()).isEqualTo(2);
        assertThat(profiler.query("delete from items where id = ?").orElseThrow().rows()).isEqualTo(1);
    }

    @DialectTest
    void measuresDurationsWhenTheStatementCompleted(TestDatabase db, TestDialect dialect) throws Exception {
        ProfiledDataSource ds = items(db);
        String sleep = dialect == TestDialect.POSTGRESQL ? "SELECT pg_sleep(0.05)" : "SELECT SLEEP(0.05)";
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (int i = 0; i < 2; i++) {
                try (ResultSet rs = st.executeQuery(sleep)) {
                    rs.next();
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
        }
        QueryStats slept = profiler.topQueries(1).get(0);
        assertThat(slept.executions()).isEqualTo(2);
        assertThat(slept.p50()).isBetween(Duration.ofMillis(44), Duration.ofSeconds(5));
        assertThat(slept.mean()).isBetween(Duration.ofMillis(49), Duration.ofSeconds(5));
        assertThat(slept.max()).isGreaterThanOrEqualTo(slept.p99());
        QueryStats quick = profiler.query("select ?").orElseThrow();
        assertThat(quick.total()).isPositive().isLessThan(Duration.ofSeconds(1));
    }

    @DialectTest
    void countsRowsTheApplicationReadsAndRecordsOnClose(TestDatabase db) throws Exception {
        ProfiledDataSource ds = items(db);
        db.execute("INSERT INTO items (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM items WHERE id > ? ORDER BY id")) {
            ps.setLong(1, 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rs.next();
                assertThat(profiler.queries()).isEmpty(); // still open: not completed
            }
            ps.setLong(1, 2);
            ResultSet left = ps.executeQuery(); // never read nor closed: the statement's close records it
            assertThat(left.getStatement()).isSameAs(ps);
        }
        QueryStats q = profiler.query("select id from items where id > ? order by id").orElseThrow();
        assertThat(q.executions()).isEqualTo(2);
        assertThat(q.rows()).isEqualTo(2);
    }

    @DialectTest
    void recordsFailuresWithTheirKind(TestDatabase db) throws Exception {
        ProfiledDataSource ds = items(db);
        try (ProfilerScope scope = profiler.scope("failures");
             Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)")) {
            ps.setLong(1, 1);
            ps.setString(2, "a");
            ps.executeUpdate();
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class);
            assertThat(scope.statements()).hasSize(2);
            assertThat(scope.statements().get(1).error()).contains(ErrorKind.UNIQUE_VIOLATION);
        }
        assertThat(profiler.query("insert into items (id, name) values (?, ?)").orElseThrow().errors()).isEqualTo(1);
    }

    @DialectTest
    void recordsCallableStatements(TestDatabase db, TestDialect dialect) throws Exception {
        ProfiledDataSource ds = items(db);
        if (dialect == TestDialect.POSTGRESQL) {
            db.execute("CREATE PROCEDURE add_item(p_id bigint) LANGUAGE sql AS $$ "
                    + "INSERT INTO items (id, name) VALUES (p_id, 'called') $$");
        } else {
            db.execute("CREATE PROCEDURE add_item(p_id bigint) INSERT INTO items (id, name) VALUES (p_id, 'called')");
        }
        try (Connection c = ds.getConnection(); CallableStatement cs = c.prepareCall("CALL add_item(?)")) {
            cs.setLong(1, 7);
            cs.execute();
        } finally {
            db.execute("DROP PROCEDURE add_item");
        }
        assertThat(db.queryLong("SELECT count(*) FROM items")).isEqualTo(1);
        assertThat(profiler.query("call add_item(?)")).hasValueSatisfying(q -> {
            assertThat(q.executions()).isEqualTo(1);
            assertThat(q.kind()).isEqualTo(StatementKind.CALL);
        });
    }

    @DialectTest
    void keepsMemoryBoundedByEvictingFingerprints(TestDatabase db) throws Exception {
        profiler = QueryProfiler.builder().maxFingerprints(16).build();
        ProfiledDataSource ds = items(db);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (int i = 0; i < 60; i++) {
                try (ResultSet rs = st.executeQuery("SELECT id AS c" + i + " FROM items")) {
                    rs.next();
                }
            }
        }
        assertThat(profiler.queries().size()).isLessThanOrEqualTo(20);
        assertThat(profiler.evictedFingerprints()).isPositive();
        assertThat(profiler.statementCount()).isEqualTo(60);
    }

    @DialectTest
    void unwrapsToTheProfilerAndTheDriver(TestDatabase db) throws Exception {
        ProfiledDataSource ds = items(db);
        assertThat(QueryProfiler.of(ds)).containsSame(profiler);
        assertThat(QueryProfiler.of(db.dataSource())).isEmpty();
        try (Connection c = ds.getConnection()) {
            assertThat(c.isWrapperFor(ProfiledConnection.class)).isTrue();
            assertThat(c.unwrap(Connection.class)).isSameAs(c);
            assertThat(c.getMetaData().getConnection()).isSameAs(c);
            try (Statement st = c.createStatement()) {
                assertThat(st.getConnection()).isSameAs(c);
                try (ResultSet rs = st.executeQuery("SELECT 1")) {
                    assertThat(rs.getStatement()).isSameAs(st);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                assertThat(ps.getConnection()).isSameAs(c);
                assertThat(ps.isWrapperFor(PreparedStatement.class)).isTrue();
            }
        }
    }
}
