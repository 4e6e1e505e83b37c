package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.jdbc.ForwardingDataSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;

/** Sections that may run alongside each other run at the same time, each on its own connection, in report order. */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DoctorParallelIT {

    @DialectTest
    void runsNeighbouringSectionsThatAllowItAtTheSameTimeOnConnectionsOfTheirOwn(TestDatabase db) {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Map<String, Long> sessions = new ConcurrentHashMap<>();
        // each holds its connection until both have started: a connection given back early could be lent again
        DoctorSection first = new Probe("first", true, ctx -> holdingASession(ctx, db, "first", sessions, bothStarted));
        DoctorSection second = new Probe("second", true,
                ctx -> holdingASession(ctx, db, "second", sessions, bothStarted));

        List<String> told = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        FindingsReport report = Doctor.builder().dataSource(db.dataSource()).sections(List.of(first, second))
                .parallelism(2).progress((title, index, total) -> told.add(index + "/" + total + " " + title
                        + (Thread.currentThread() == caller ? "" : " elsewhere"))).build().run();

        assertThat(told).containsExactly("1/2 first", "2/2 second");
        assertThat(report.sections()).extracting(ReportSection::title).containsExactly("first", "second");
        assertThat(report.sections()).allSatisfy(s -> assertThat(s.facts()).containsExactly(
                new ReportSection.Fact("met the other", "true")));
        assertThat(sessions.get("first")).isNotEqualTo(sessions.get("second"));
    }

    @DialectTest
    void keepsTheSectionsOrderWhenALaterOneFinishesFirstAndAFailureStopsNoOther(TestDatabase db) {
        CountDownLatch laterDone = new CountDownLatch(1);
        DoctorSection slow = new Probe("slow", true, ctx -> laterDone.await(20, TimeUnit.SECONDS));
        DoctorSection failing = new Probe("failing", true, ctx -> {
            try {
                throw new IllegalStateException("broken on purpose");
            } finally {
                laterDone.countDown();
            }
        });

        FindingsReport report = Doctor.builder().dataSource(db.dataSource()).sections(List.of(slow, failing))
                .parallelism(2).build().run();

        assertThat(report.sections()).extracting(ReportSection::title).containsExactly("slow", "failing");
        assertThat(report.sections().get(0).facts()).containsExactly(new ReportSection.Fact("met the other", "true"));
        assertThat(report.sections().get(1).isFailed()).isTrue();
    }

    @DialectTest
    void runsSectionsThatDoNotAllowItAloneWithOnlyOneConnectionOpen(TestDatabase db) {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountingDataSource counted = new CountingDataSource(db.dataSource());
        Map<String, Integer> openWhenAlone = new ConcurrentHashMap<>();
        List<DoctorSection> sections = List.of(
                new Probe("a", true, ctx -> overlap(running, mostAtOnce, ctx, db)),
                new Probe("b", true, ctx -> overlap(running, mostAtOnce, ctx, db)),
                new Probe("alone", false, ctx -> {
                    openWhenAlone.put("running besides", running.get());
                    try (Connection c = ctx.dataSource().getConnection()) {
                        openWhenAlone.put("open", counted.open.get());
                    }
                    return true;
                }),
                new Probe("c", true, ctx -> overlap(running, mostAtOnce, ctx, db)));

        FindingsReport report = Doctor.builder().dataSource(counted).sections(sections).parallelism(2).build().run();

        assertThat(report.sections()).extracting(ReportSection::title).containsExactly("a", "b", "alone", "c");
        assertThat(report.sections()).noneMatch(ReportSection::isFailed);
        // the group's second connection was closed before the section that runs alone
        assertThat(openWhenAlone).containsEntry("open", 1).containsEntry("running besides", 0);
        assertThat(mostAtOnce.get()).isLessThanOrEqualTo(2);
    }

    @DialectTest
    void runsNoMoreSectionsAtOnceThanItsParallelism(TestDatabase db) {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch allThree = new CountDownLatch(3);
        Body waitForTheOthers = ctx -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                session(ctx, db);
                allThree.countDown();
                // three sections at once would meet here at once; two at a time wait out the timeout
                return allThree.await(1500, TimeUnit.MILLISECONDS);
            } finally {
                running.decrementAndGet();
            }
        };
        List<DoctorSection> sections = List.of(new Probe("a", true, waitForTheOthers),
                new Probe("b", true, waitForTheOthers), new Probe("c", true, waitForTheOthers));

        FindingsReport report = Doctor.builder().dataSource(db.dataSource()).sections(sections).parallelism(2).build()
                .run();

        assertThat(report.sections()).extracting(ReportSection::title).containsExactly("a", "b", "c");
        assertThat(report.sections()).noneMatch(ReportSection::isFailed);
        assertThat(mostAtOnce.get()).isEqualTo(2);
    }

    @DialectTest
    void runsOneSectionAfterTheOtherByDefault(TestDatabase db) {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<DoctorSection> sections = List.of(
                new Probe("a", true, ctx -> overlap(running, mostAtOnce, ctx, db)),
                new Probe("b", true, ctx -> overlap(running, mostAtOnce, ctx, db)));

        Doctor.builder().dataSource(db.dataSource()).sections(sections).build().run();

        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    /** Runs a statement while counting sections running at once; true. */
    private static boolean overlap(AtomicInteger running, AtomicInteger mostAtOnce, DoctorContext ctx,
                                   TestDatabase db) throws SQLException {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            session(ctx, db);
            return true;
        } finally {
            running.decrementAndGet();
        }
    }

    /** Notes the session of a connection it keeps open until both sections have started; true if they did. */
    private static boolean holdingASession(DoctorContext ctx, TestDatabase db, String name, Map<String, Long> sessions,
                                           CountDownLatch bothStarted) throws SQLException, InterruptedException {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sessionQuery(db))) {
            rs.next();
            sessions.put(name, rs.getLong(1));
            bothStarted.countDown();
            return bothStarted.await(20, TimeUnit.SECONDS);
        }
    }

    private static String sessionQuery(TestDatabase db) {
        return db.testDialect() == TestDialect.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
    }

    private static long session(DoctorContext ctx, TestDatabase db) throws SQLException {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sessionQuery(db))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Body {
        boolean run(DoctorContext context) throws Exception;
    }

    /** A section whose one fact says whether its body returned true. */
    private record Probe(String title, boolean alongside, Body body) implements DoctorSection {
        @Override
        public boolean runsAlongside(DoctorContext context) {
            return alongside;
        }

        @Override
        public ReportSection run(DoctorContext context) throws Exception {
            return ReportSection.of(title, List.of(new ReportSection.Fact("met the other",
                    String.valueOf(body.run(context)))), List.of());
        }
    }

    /** Counts the physical connections open at a time. */
    private static final class CountingDataSource extends ForwardingDataSource {
        final AtomicInteger open = new AtomicInteger();

        CountingDataSource(DataSource delegate) {
            super(delegate);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = delegate.getConnection();
            open.incrementAndGet();
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                        if (m.getName().equals("close") && !c.isClosed()) {
                            open.decrementAndGet();
                        }
                        try {
                            return m.invoke(c, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
