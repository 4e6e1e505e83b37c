package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.pool.SizingDecision.Action;
import io.dbopt.pool.SizingDecision.Reason;
import io.dbopt.pool.driver.TrackedConnection;
import io.dbopt.pool.engine.LeakScanner;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;

/** Validation, reconciliation with the server and leak reports, on both servers. */
@DbTest
class HealthCheckIT {

    @DialectTest
    void reconcilesAnIdlePoolWithTheServer(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "reconcile").poolSize(3).maxOverflow(0).build()) {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> pool.metrics().total() == 3);
            Reconciliation r = pool.connectionHealth().reconcile();
            assertThat(r.sessionIdsKnown()).isTrue();
            assertThat(r.poolActive()).isZero();
            assertThat(r.ownSessionsOnServer()).isEqualTo(3);
            assertThat(r.ownActiveOnServer()).isZero();
            assertThat(r.droppedByServer()).isEmpty();
            assertThat(r.consistent()).isTrue();
            assertThat(r.application()).isEqualTo(pool.config().applicationName());
            HealthReport report = pool.connectionHealth().check();
            assertThat(report.reconciliation()).isPresent();
            assertThat(report.findings()).isEmpty();
            assertThat(report.healthy()).isTrue();
        }
    }

    /** Problem first (without pre-ping a killed session is lent once), then the reconciliation that prevents it. */
    @DialectTest
    void aConnectionKilledOnTheServerIsNeverLentTwice(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "killed").poolSize(3).maxOverflow(0).prePing(false)
                .build()) {
            Set<Long> sessions = warm(pool, 3);
            for (long id : sessions) {
                PoolTests.terminate(db, id);
            }
            // without pre-ping nor reconciliation a dead connection is lent; its failure evicts it for good
            Set<Long> failed = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                try (Connection c = pool.dataSource().getConnection()) {
                    long id = c.unwrap(TrackedConnection.class).sessionId();
                    assertThat(failed).as("a connection that failed is lent again").doesNotContain(id);
                    Throwable t = catchThrowable(() -> PoolTests.selectOne(c));
                    if (t != null) {
                        assertThat(SqlErrors.classify(t)).isIn(ErrorKind.CONNECTION_LOST, ErrorKind.SERVER_UNAVAILABLE);
                        failed.add(id);
                    }
                }
            }
            assertThat(failed).isNotEmpty();

            // now the fix: the health check sees the server dropped them and evicts them before anyone borrows
            Set<Long> live = warm(pool, 3);
            for (long id : live) {
                PoolTests.terminate(db, id);
            }
            Set<Long> dropped = new HashSet<>();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HealthReport report = pool.connectionHealth().check();
                report.reconciliation().ifPresent(r -> dropped.addAll(r.droppedByServer()));
                assertThat(dropped).containsExactlyInAnyOrderElementsOf(live);
            });
            assertThat(pool.connectionHealth().lastReport().orElseThrow().evicted()).isPositive();
            for (int i = 0; i < 6; i++) {
                try (Connection c = pool.dataSource().getConnection()) {
                    assertThat(live).doesNotContain(c.unwrap(TrackedConnection.class).sessionId());
                    assertThat(PoolTests.selectOne(c)).isEqualTo(1);
                }
            }
            assertThat(pool.metrics().evictions()).isGreaterThanOrEqualTo(3);
        }
    }

    @DialectTest
    void namesTheHolderOfATransactionLeftIdle(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS idle_tx (id int)");
        try (ConnectionPoolManager pool = PoolTests.builder(db, "idletx").poolSize(1).maxOverflow(1)
                .leakDetectionThreshold(Duration.ofSeconds(1)).build();
             Connection c = pool.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO idle_tx VALUES (1)");
            }
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(pool.connectionHealth().check().findings()).extracting(f -> f.check().value())
                            .contains("pool.idle-in-transaction", "pool.leak-suspected"));
            Reconciliation.IdleTransaction idle = pool.connectionHealth().lastReport().orElseThrow().reconciliation()
                    .orElseThrow().idleInTransaction().get(0);
            assertThat(idle.lent()).isTrue();
            assertThat(idle.holder()).contains(Thread.currentThread().getName());
            c.rollback();
        }
    }

    @DialectTest
    void reportsALeakWithTheAcquiringStackAndDoesNotGrowToHideIt(TestDatabase db) throws Exception {
        ListAppender<ILoggingEvent> log = capture(LeakScanner.class);
        try (ConnectionPoolManager pool = PoolTests.builder(db, "leak").poolSize(1).maxOverflow(3)
                .leakDetectionThreshold(Duration.ofMillis(300)).leakCapture(LeakCapture.ALWAYS)
                .adaptiveSizing(SizingPolicy.builder().interval(Duration.ofMillis(100)).growAfter(1)
                        .growCooldown(Duration.ZERO).build())
                .build()) {
            Connection leaked = leakOne(pool);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !pool.connectionHealth().leaks().isEmpty());
            LeakReport report = pool.connectionHealth().leaks().get(0);
            assertThat(report.stackKind()).isEqualTo(LeakReport.StackKind.ACQUIRE_SITE);
            assertThat(report.stack()).anyMatch(f -> f.getMethodName().equals("leakOne"));
            assertThat(report.heldFor()).isGreaterThan(Duration.ofMillis(300));
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.list)
                    .anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("possible connection "
                            + "leak") && e.getThrowableProxy() != null && List.of(e.getThrowableProxy()
                            .getStackTraceElementProxyArray()).stream().anyMatch(f -> f.toString().contains("leakOne"))));

            // a borrower times out with the pool's counters in the error, and the sizer refuses to grow
            PoolAcquireException timeout = (PoolAcquireException) CompletableFuture.supplyAsync(() -> catchThrowable(
                    () -> pool.dataSource().getConnection())).get(10, TimeUnit.SECONDS);
            assertThat(timeout.failure()).isEqualTo(AcquireFailure.POOL_EXHAUSTED);
            assertThat(timeout.getMessage()).contains("checked_out=1, checked_in=0");
            AdaptivePoolSizer sizer = pool.sizer().orElseThrow();
            assertThat(sizer.decisions(Action.HOLD, Reason.LEAK_SUSPECTED)).isPositive();
            assertThat(sizer.decisions(Action.GROW, Reason.WAITING)).isZero();
            assertThat(sizer.currentSize()).isEqualTo(1);
            assertThat(pool.metrics().leaksSuspected()).isEqualTo(1);
            leaked.close();
        } finally {
            release(LeakScanner.class, log);
        }
    }

    @DialectTest
    void firstLeakShowsTheHolderThenLaterOnesTheAcquireSite(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "suspicion").poolSize(2).maxOverflow(0)
                .leakDetectionThreshold(Duration.ofMillis(200)).build()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> holdWhileParked(pool, release));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> pool.metrics().leaksSuspected() == 1);
            LeakReport first = pool.connectionHealth().leaks().get(0);
            assertThat(first.stackKind()).isEqualTo(LeakReport.StackKind.HOLDER_NOW);
            assertThat(first.stack()).anyMatch(f -> f.getMethodName().equals("holdWhileParked"));
            release.countDown();
            holder.get(5, TimeUnit.SECONDS);
            Connection second = leakOne(pool);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !pool.connectionHealth().leaks().isEmpty());
            assertThat(pool.connectionHealth().leaks().get(0).stackKind()).isEqualTo(LeakReport.StackKind.ACQUIRE_SITE);
            second.close();
        }
    }

    private static void holdWhileParked(ConnectionPoolManager pool, CountDownLatch release) {
        try (Connection c = pool.dataSource().getConnection()) {
            PoolTests.selectOne(c);
            release.await(10, TimeUnit.SECONDS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Connection leakOne(ConnectionPoolManager pool) throws SQLException {
        return pool.dataSource().getConnection();
    }

    /** Borrows n connections at once and returns their session ids. */
    /**
     * The periodic check leaves healthy idle connections alone (HikariCP validates them itself): it does not borrow
     * them, which would validate each one (pre-ping, idle for more than 500 ms) and show on the server as a new
     * statement; the explicit {@code validateIdle()} still does.
     */
    @DialectTest(TestDialect.POSTGRESQL)
    void theCheckDoesNotBorrowHealthyIdleConnections(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "quietcheck").poolSize(3).maxOverflow(0).build()) {
            Set<Long> sessions = warm(pool, 3);
            Thread.sleep(700); // past HikariCP's 500 ms: a borrow of these validates them
            java.util.Map<Long, java.sql.Timestamp> before = stateChanges(db, sessions);
            assertThat(before).hasSize(3);
            HealthReport report = pool.connectionHealth().check();
            assertThat(report.reconciliation()).isPresent();
            assertThat(report.evicted()).isZero();
            assertThat(stateChanges(db, sessions)).as("the idle sessions' last state change").isEqualTo(before);
            assertThat(pool.connectionHealth().validateIdle()).isZero();
            java.util.Map<Long, java.sql.Timestamp> after = stateChanges(db, sessions);
            assertThat(after).hasSize(3).allSatisfy((id, at) -> assertThat(at).isAfter(before.get(id)));
        }
    }

    /** When each session last changed state, as the server's pg_stat_activity says. */
    private static java.util.Map<Long, java.sql.Timestamp> stateChanges(TestDatabase db, Set<Long> sessions)
            throws SQLException {
        java.util.Map<Long, java.sql.Timestamp> result = new java.util.HashMap<>();
        try (Connection admin = db.connection();
             java.sql.PreparedStatement ps = admin.prepareStatement(
                     "SELECT pid, state_change FROM pg_stat_activity WHERE pid = ANY (?)")) {
            ps.setArray(1, admin.createArrayOf("int4", sessions.stream().map(Long::intValue).toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getLong(1), rs.getTimestamp(2));
                }
            }
        }
        return result;
    }

    private static Set<Long> warm(ConnectionPoolManager pool, int n) throws SQLException {
        List<Connection> held = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        try {
            for (int i = 0; i < n; i++) {
                Connection c = pool.dataSource().getConnection();
                held.add(c);
                PoolTests.selectOne(c);
                ids.add(c.unwrap(TrackedConnection.class).sessionId());
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        return ids;
    }

    static ListAppender<ILoggingEvent> capture(Class<?> loggerClass) {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(loggerClass);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    static void release(Class<?> loggerClass, ListAppender<ILoggingEvent> appender) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(loggerClass)).detachAppender(appender);
    }

    static boolean isPostgres(TestDatabase db) {
        return db.testDialect() == TestDialect.POSTGRESQL;
    }
}
