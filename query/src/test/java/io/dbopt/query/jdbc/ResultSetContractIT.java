package io.dbopt.query.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.query.QueryProfiler;
import io.dbopt.query.QueryStats;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * The JDBC contract of the profiler's result sets against real drivers: a result set answers the profiled statement,
 * one that was closed (by the application, or by its statement running again) stays closed for whoever still holds
 * it, and a statement run again while its result is open behaves as the driver's own statement does. Each case runs
 * the same steps on the driver's objects and on the profiled ones and compares what they answer, so the tests hold
 * whatever the driver does where JDBC leaves it a choice. These are the properties a result-set wrapper reused across
 * executions (to save its allocation) would break: see docs/query.md.
 */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResultSetContractIT {

    private static final String QUERY = "SELECT id FROM items WHERE id > ? ORDER BY id";

    private final QueryProfiler profiler =
            QueryProfiler.builder().name("contract").slowQueryThreshold(Duration.ofSeconds(10)).build();

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS items");
    }

    private DataSource items(TestDatabase db) {
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY)",
                "INSERT INTO items (id) VALUES (1), (2), (3)");
        return profiler.instrument(db.dataSource());
    }

    @DialectTest
    void aResultSetAnswersTheProfiledStatementOnEveryPath(TestDatabase db) throws SQLException {
        DataSource ds = items(db);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(QUERY);
             Statement st = c.createStatement()) {
            ps.setLong(1, 0);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.getStatement()).isSameAs(ps);
            }
            assertThat(ps.execute()).isTrue();
            ResultSet got = ps.getResultSet();
            assertThat(got.getStatement()).isSameAs(ps);
            assertThat(ps.getResultSet()).isSameAs(got); // asked again: the same open result
            got.close();
            try (ResultSet rs = st.executeQuery("SELECT id FROM items")) {
                assertThat(rs.getStatement()).isSameAs(st);
                assertThat(rs.getStatement().getConnection()).isSameAs(c);
            }
        }
    }

    @DialectTest
    void aClosedResultSetStaysClosedWhenItsStatementRunsAgain(TestDatabase db) throws SQLException {
        DataSource ds = items(db);
        Observed driver;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            driver = closeThenRunAgain(ps);
        }
        Observed profiled;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            profiled = closeThenRunAgain(ps);
        }
        assertThat(driver.firstClosed()).as("the driver's first result set").isTrue();
        assertThat(profiled).isEqualTo(driver);
        assertThat(profiler.query("select id from items where id > ? order by id").map(QueryStats::rows))
                .contains(3L + 2L);
    }

    /** Reads and closes a first result, runs the statement again, then looks at the first result's reference. */
    private static Observed closeThenRunAgain(PreparedStatement ps) throws SQLException {
        ps.setLong(1, 0);
        ResultSet first = ps.executeQuery();
        long firstRows = rows(first);
        first.close();
        ps.setLong(1, 1);
        try (ResultSet second = ps.executeQuery()) {
            boolean firstClosed = first.isClosed();
            boolean secondClosed = second.isClosed();
            boolean firstReads = reads(first);
            return new Observed(first == second, firstClosed, secondClosed, firstReads, firstRows, rows(second));
        }
    }

    @DialectTest
    void aStatementRunAgainWhileItsResultIsOpenBehavesAsTheDriversDoes(TestDatabase db) throws SQLException {
        DataSource ds = items(db);
        Observed driver;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            driver = runAgainWhileOpen(ps);
        }
        Observed profiled;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            profiled = runAgainWhileOpen(ps);
        }
        assertThat(driver.same()).as("the driver answers a new result set").isFalse();
        assertThat(profiled).isEqualTo(driver);
        // the first execution is recorded with the one row read before the statement ran again, the second with 2
        assertThat(profiler.query("select id from items where id > ? order by id")).hasValueSatisfying(q -> {
            assertThat(q.executions()).isEqualTo(2);
            assertThat(q.rows()).isEqualTo(1L + 2L);
        });
    }

    /** Reads one row of a first result, runs the statement again without closing it, then uses both references. */
    private static Observed runAgainWhileOpen(PreparedStatement ps) throws SQLException {
        ps.setLong(1, 0);
        ResultSet first = ps.executeQuery();
        assertThat(first.next()).isTrue();
        ps.setLong(1, 1);
        try (ResultSet second = ps.executeQuery()) {
            boolean firstClosed = first.isClosed();
            boolean secondClosed = second.isClosed();
            boolean firstReads = reads(first);
            long secondRows = rows(second);
            first.close(); // allowed on a closed result set, and must not close the statement's current one
            return new Observed(first == second, firstClosed, secondClosed, firstReads, 1, secondRows);
        }
    }

    @DialectTest
    void closingAStaleResultSetLeavesTheCurrentOneOpen(TestDatabase db) throws SQLException {
        DataSource ds = items(db);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setLong(1, 0);
            ResultSet first = ps.executeQuery();
            first.close();
            ps.setLong(1, 1);
            try (ResultSet second = ps.executeQuery()) {
                first.close();
                assertThat(second.isClosed()).isFalse();
                assertThat(rows(second)).isEqualTo(2);
            }
        }
    }

    private static long rows(ResultSet rs) throws SQLException {
        long n = 0;
        while (rs.next()) {
            n++;
        }
        return n;
    }

    /** Whether {@code next()} on the result set works (true or false) rather than failing as on a closed one. */
    private static boolean reads(ResultSet rs) {
        try {
            rs.next();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** What the steps of a case saw, compared between the driver and the profiler. */
    private record Observed(boolean same, boolean firstClosed, boolean secondClosed, boolean firstReads,
                            long firstRows, long secondRows) {
    }
}
