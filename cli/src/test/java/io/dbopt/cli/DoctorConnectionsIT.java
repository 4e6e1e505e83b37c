package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.core.jdbc.ForwardingDataSource;
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
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * How the doctor uses connections: one run keeps one physical connection and lends it to every section (the
 * server's session caches are built once), resets what a section changed, and replaces it when a section broke it.
 */
@DbTest
class DoctorConnectionsIT {

    @DialectTest
    void everySectionOnTheClassPathSharesOneConnectionPerRun(TestDatabase db) {
        db.execute("CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(20))",
                "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent (id), note VARCHAR(20))",
                "CREATE INDEX child_note ON child (note)", "CREATE INDEX child_note_again ON child (note)");
        Counting counting = new Counting(db.dataSource());

        FindingsReport report = Doctor.builder().dataSource(counting).build().run();

        assertThat(report.sections()).hasSizeGreaterThan(5)
                .allSatisfy(s -> assertThat(s.isFailed()).as(s.title() + ": " + s.failure()).isFalse());
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.check().value()).isEqualTo("index.duplicate"));
        // one kept connection; a connection per use opened about 28 at 1,000 tables and one per section at least
        assertThat(counting.opened.get()).as("physical connections opened").isLessThanOrEqualTo(2);
        assertThat(counting.open.get()).as("physical connections still open after the run").isZero();
    }

    @DialectTest
    void twoSectionsAtOnceFindWhatOneAfterTheOtherFinds(TestDatabase db) {
        db.execute("CREATE TABLE pair_parent (id INT PRIMARY KEY, code VARCHAR(20))",
                "CREATE TABLE pair_child (id INT PRIMARY KEY, parent_id INT REFERENCES pair_parent (id),"
                        + " note VARCHAR(20))",
                "CREATE INDEX pair_child_note ON pair_child (note)",
                "CREATE INDEX pair_child_note_again ON pair_child (note)");
        Counting counting = new Counting(db.dataSource());

        FindingsReport alone = Doctor.builder().dataSource(db.dataSource()).build().run();
        FindingsReport together = Doctor.builder().dataSource(counting).parallelism(2).build().run();

        assertThat(together.sections()).extracting(ReportSection::title)
                .containsExactlyElementsOf(alone.sections().stream().map(ReportSection::title).toList());
        assertThat(together.sections()).allSatisfy(s -> assertThat(s.isFailed()).as(s.title() + ": " + s.failure())
                .isFalse());
        // the Queries section lists the server's live statement counters; every other finding is the same
        assertThat(withoutQueries(together)).isEqualTo(withoutQueries(alone)).isNotEmpty();
        // the kept one and the group's second one (one more when a section broke or leaked one)
        assertThat(counting.opened.get()).as("physical connections opened").isLessThanOrEqualTo(3);
        assertThat(counting.open.get()).as("physical connections still open after the run").isZero();
    }

    private static List<String> withoutQueries(FindingsReport report) {
        return report.sections().stream().filter(s -> !s.title().equals("Queries"))
                .flatMap(s -> s.findings().stream()).map(f -> f.check().value() + " " + f.object() + " "
                        + f.evidence()).toList();
    }

    @DialectTest
    void aSectionsSessionChangesAndOpenTransactionAreUndoneForTheNext(TestDatabase db) {
        db.execute("CREATE TABLE marks (id INT PRIMARY KEY)");
        Counting counting = new Counting(db.dataSource());
        List<String> seen = new ArrayList<>();
        DoctorSection dirty = section("dirty", 1, context -> {
            try (Connection c = context.dataSource().getConnection()) {
                c.setReadOnly(true);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            }
            Connection c = context.dataSource().getConnection();
            seen.add(session(c, db));
            assertThat(c.isReadOnly()).as("reset when the section gave it back").isFalse();
            assertThat(c.getTransactionIsolation()).isNotEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO marks (id) VALUES (1)");
            }
            Statement leftOpen = c.createStatement();
            leftOpen.executeQuery("SELECT 1");
            c.close();
            assertThat(leftOpen.isClosed()).as("statements close with the lent connection").isTrue();
            assertThat(c.isClosed()).isTrue();
            throw new IllegalStateException("failed after leaving its transaction open");
        });
        DoctorSection clean = section("clean", 2, context -> {
            try (Connection c = context.dataSource().getConnection()) {
                seen.add(session(c, db));
                assertThat(c.getAutoCommit()).isTrue();
                assertThat(c.isReadOnly()).isFalse();
                assertThat(c.getTransactionIsolation()).isNotEqualTo(Connection.TRANSACTION_SERIALIZABLE);
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM marks")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("the failed section's insert was rolled back").isZero();
                }
            }
        });

        List<ReportSection> sections = Doctor.builder().dataSource(counting).sections(List.of(dirty, clean)).build()
                .run().sections();

        assertThat(sections.get(0).isFailed()).isTrue();
        assertThat(sections.get(1).isFailed()).as(sections.get(1).failure()).isFalse();
        assertThat(seen).as("one session for both sections").hasSize(2).containsOnly(seen.get(0));
        assertThat(counting.opened.get()).isEqualTo(1);
        assertThat(counting.open.get()).isZero();
    }

    @DialectTest
    void aSecondConnectionAtOnceIsItsOwnAndABrokenOrLeakedOneIsReplaced(TestDatabase db) {
        db.execute("CREATE TABLE leak_marks (id INT PRIMARY KEY)");
        Counting counting = new Counting(db.dataSource());
        List<String> seen = new ArrayList<>();
        DoctorSection two = section("two at once", 1, context -> {
            try (Connection first = context.dataSource().getConnection();
                 Connection second = context.dataSource().getConnection()) {
                seen.add(session(first, db));
                assertThat(session(second, db)).isNotEqualTo(seen.get(0));
            }
        });
        DoctorSection killer = section("kills its session", 2, context -> {
            try (Connection c = context.dataSource().getConnection()) {
                assertThat(session(c, db)).isEqualTo(seen.get(0));
                try (Statement st = c.createStatement()) {
                    st.execute(db.testDialect() == TestDialect.POSTGRESQL
                            ? "SELECT pg_terminate_backend(pg_backend_pid())" : "KILL CONNECTION_ID()");
                }
            }
        });
        DoctorSection after = section("after", 3, context -> {
            try (Connection c = context.dataSource().getConnection()) {
                seen.add(session(c, db));
            }
        });
        DoctorSection leaker = section("leaks its connection", 4, context -> {
            Connection c = context.dataSource().getConnection();
            assertThat(session(c, db)).isEqualTo(seen.get(1));
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO leak_marks (id) VALUES (2)");
            }
            throw new IllegalStateException("failed without closing its connection");
        });
        DoctorSection last = section("last", 5, context -> {
            try (Connection c = context.dataSource().getConnection();
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM leak_marks")) {
                seen.add(session(c, db));
                rs.next();
                assertThat(rs.getLong(1)).as("the leaked transaction ended with its connection").isZero();
            }
        });

        List<ReportSection> sections = Doctor.builder().dataSource(counting)
                .sections(List.of(two, killer, after, leaker, last)).build().run().sections();

        assertThat(sections).as(sections.toString()).extracting(ReportSection::isFailed)
                .containsExactly(false, true, false, true, false);
        assertThat(seen.get(1)).as("a new session replaces the killed one").isNotEqualTo(seen.get(0));
        assertThat(seen.get(2)).as("a new session replaces the leaked one").isNotEqualTo(seen.get(1));
        assertThat(counting.opened.get()).as("kept, second at once, after the kill, after the leak").isEqualTo(4);
        assertThat(counting.open.get()).isZero();
    }

    private static String session(Connection c, TestDatabase db) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                db.testDialect() == TestDialect.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @FunctionalInterface
    private interface Body {
        void run(DoctorContext context) throws Exception;
    }

    private static DoctorSection section(String title, int order, Body body) {
        return new DoctorSection() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public ReportSection run(DoctorContext context) throws Exception {
                body.run(context);
                return ReportSection.of(title, List.of(), List.of());
            }
        };
    }

    /** Counts the physical connections the doctor opens, and how many are still open. */
    private static final class Counting extends ForwardingDataSource {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();

        Counting(DataSource delegate) {
            super(delegate);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = delegate.getConnection();
            opened.incrementAndGet();
            open.incrementAndGet();
            return new ForwardingConnection(c) {
                private boolean closed;

                @Override
                public void close() throws SQLException {
                    if (!closed) {
                        closed = true;
                        open.decrementAndGet();
                    }
                    delegate.close();
                }
            };
        }
    }
}
