package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.ErrorKind;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(60)
class ConnectionPoolManagerIT {

    @DialectTest
    void lendsConnectionsTheServerAttributesToTheApplicationName(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "name").poolSize(2).maxOverflow(1).build()) {
            try (Connection c = pool.dataSource().getConnection()) {
                assertThat(PoolTests.selectOne(c)).isEqualTo(1);
                assertThat(PoolTests.serverSessions(db, pool.config().applicationName())).isGreaterThanOrEqualTo(1);
            }
            PoolSnapshot s = pool.metrics();
            assertThat(s.acquisitions()).isEqualTo(1);
            assertThat(s.checkedOut()).isZero();
            assertThat(s.max()).isEqualTo(3);
            assertThat(s.size()).isEqualTo(2);
            assertThat(s.usageTime().count()).isEqualTo(1);
            assertThat(pool.config().socketTimeout()).contains(Duration.ofSeconds(5));
            assertThat(pool.config().connectTimeout()).contains(Duration.ofSeconds(2));
        }
    }

    @DialectTest
    void inTransactionCommitsOnSuccessAndRollsBackOnFailure(TestDatabase db) {
        db.execute("CREATE TABLE IF NOT EXISTS scoped (id int PRIMARY KEY)", "DELETE FROM scoped");
        try (ConnectionPoolManager pool = PoolTests.builder(db, "tx").poolSize(1).maxOverflow(0).build()) {
            int inserted = pool.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO scoped VALUES (1)");
                }
            });
            assertThat(inserted).isEqualTo(1);
            Throwable failure = catchThrowable(() -> pool.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO scoped VALUES (2)");
                    return st.executeUpdate("INSERT INTO scoped VALUES (1)");
                }
            }));
            assertThat(failure).isInstanceOf(PoolException.class);
            assertThat(((PoolException) failure).errorCode()).isEqualTo(PoolErrorCode.SQL_FAILED);
            assertThat(((PoolException) failure).errorKind()).contains(ErrorKind.UNIQUE_VIOLATION);
            assertThatThrownBy(() -> pool.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO scoped VALUES (3)");
                }
                throw new IllegalStateException("application bug");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(db.queryLong("SELECT count(*) FROM scoped")).isEqualTo(1);
            // the single connection came back every time, in autocommit mode
            boolean autoCommit = pool.withConnection(Connection::getAutoCommit);
            assertThat(autoCommit).isTrue();
            assertThat(pool.metrics().checkedOut()).isZero();
        }
    }

    @DialectTest
    void closingTwiceReturnsTheConnectionOnce(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "close").poolSize(1).maxOverflow(0).build()) {
            Connection c = pool.dataSource().getConnection();
            c.close();
            c.close();
            assertThat(c.isClosed()).isTrue();
            assertThat(catchThrowable(() -> PoolTests.selectOne(c))).isInstanceOf(SQLException.class);
            assertThat(pool.metrics().usageTime().count()).isEqualTo(1);
            try (Connection again = pool.dataSource().getConnection()) {
                assertThat(PoolTests.selectOne(again)).isEqualTo(1);
            }
        }
    }

    @DialectTest
    void exhaustedPoolSaysSoWithItsCounters(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "exhaust").poolSize(1).maxOverflow(0).build();
             Connection held = pool.dataSource().getConnection()) {
            // another thread, which holds nothing: a plain exhaustion, not nested borrowing
            java.util.concurrent.CompletableFuture<Throwable> other = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> catchThrowable(() -> pool.dataSource().getConnection()));
            PoolAcquireException e = (PoolAcquireException) other.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(e.failure()).isEqualTo(AcquireFailure.POOL_EXHAUSTED);
            assertThat(e.getMessage()).contains("pool exhausted").contains("size=1, checked_out=1, checked_in=0");
            assertThat(e.snapshot().checkedOut()).isEqualTo(1);
            assertThat(e.getSQLState()).isNull();
            assertThat(pool.metrics().timeouts()).isEqualTo(1);
            PoolException wrapped = (PoolException) java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> catchThrowable(() -> pool.withConnection(c -> 1)))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(wrapped.errorCode()).isEqualTo(PoolErrorCode.EXHAUSTED);
            assertThat(wrapped.snapshot()).isPresent();
            assertThat(held.isClosed()).isFalse();
        }
    }

    @DialectTest
    void publishesMetricsThroughMicrometer(TestDatabase db) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConnectionPoolManager pool = PoolTests.builder(db, "meters").poolSize(2).maxOverflow(0)
                .meterRegistry(registry).build()) {
            pool.withConnection(PoolTests::selectOne);
            assertThat(registry.get(PoolMeters.MAX).gauge().value()).isEqualTo(2);
            assertThat(registry.get(PoolMeters.SIZE).gauge().value()).isEqualTo(2);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                // the timers are brought up to date by the monitor, like the acquisitions counter
                assertThat(registry.get(PoolMeters.ACQUIRE).tag("pool", "t-meters").timer().count()).isEqualTo(1);
                assertThat(registry.get(PoolMeters.USAGE).timer().count()).isEqualTo(1);
                assertThat(registry.get(PoolMeters.CHECKED_IN).gauge().value()).isEqualTo(2);
                assertThat(registry.get(PoolMeters.CHECKED_OUT).gauge().value()).isZero();
                assertThat(registry.get(PoolMeters.OVERFLOW).gauge().value()).isZero();
                assertThat(registry.get(PoolMeters.CREATED).counter().count()).isEqualTo(2);
                assertThat(registry.get(PoolMeters.ACQUISITIONS).counter().count()).isEqualTo(1);
            });
        }
        assertThat(registry.find(PoolMeters.ACQUIRE).timer()).isNull();
        assertThat(registry.find(PoolMeters.SIZE).gauge()).isNull();
    }

    @DialectTest
    void adoptsAnExistingHikariPool(TestDatabase db) throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(PoolTests.url(db));
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(3);
        hc.setMinimumIdle(1);
        hc.setPoolName("adopted");
        HikariDataSource hikari = new HikariDataSource(hc);
        try (ConnectionPoolManager pool = ConnectionPoolManager.builder().adopt(hikari)
                .healthCheckInterval(Duration.ZERO).build()) {
            assertThat(pool.config().poolSize()).isEqualTo(1);
            assertThat(pool.config().maxOverflow()).isEqualTo(2);
            assertThat(pool.config().socketTimeout()).contains(Duration.ZERO);
            assertThat(pool.findings()).extracting(f -> f.check().value()).contains("pool.socket-timeout-unset");
            assertThat((long) pool.withConnection(PoolTests::selectOne)).isEqualTo(1);
            assertThat(pool.metrics().acquisitions()).isEqualTo(1);
        }
        assertThat(hikari.isClosed()).isTrue();
    }

    @DialectTest
    void refusesAZeroSocketTimeoutWhenAskedTo(TestDatabase db) {
        PoolException e = (PoolException) catchThrowable(() -> PoolTests.builder(db, "unsafe")
                .socketTimeout(Duration.ZERO).refuseUnsafeSettings(true).build());
        assertThat(e.errorCode()).isEqualTo(PoolErrorCode.UNSAFE_CONFIGURATION);
        assertThat(e.getMessage()).contains("socket timeout is 0");
    }

    @DialectTest
    void failsFastNamingAnUnreachableDatabase(TestDialect dialect) {
        PoolException e = (PoolException) catchThrowable(() -> ConnectionPoolManager.builder()
                .jdbcUrl(PoolTests.url(dialect, "127.0.0.1", 1, "nowhere") + "?password=secret")
                .username("nobody").poolTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1))
                .build());
        assertThat(e.errorCode()).isEqualTo(PoolErrorCode.DATABASE_UNREACHABLE);
        assertThat(e.getMessage()).doesNotContain("secret");
    }

    @DialectTest
    void writesTheEventLogAtDebug(TestDatabase db) throws Exception {
        ch.qos.logback.classic.Logger events = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("io.dbopt.pool.events");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        events.addAppender(appender);
        ch.qos.logback.classic.Level before = events.getLevel();
        events.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try (ConnectionPoolManager pool = PoolTests.builder(db, "events").poolSize(1).maxOverflow(0).build()) {
            pool.withConnection(PoolTests::selectOne);
        } finally {
            events.setLevel(before);
            events.detachAppender(appender);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(appender.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                        .anyMatch(m -> m.startsWith("t-events - create conn#1"))
                        .anyMatch(m -> m.startsWith("t-events - checkout conn#1"))
                        .anyMatch(m -> m.startsWith("t-events - return conn#1"))
                        .anyMatch(m -> m.startsWith("t-events - evict conn#1")));
    }

    @DialectTest
    void echoPoolWritesTheEventLogAtInfo(TestDatabase db) throws Exception {
        ch.qos.logback.classic.Logger events = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("io.dbopt.pool.events");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        events.addAppender(appender);
        try {
            // without echo_pool, at INFO, the event log stays quiet
            try (ConnectionPoolManager quiet = PoolTests.builder(db, "quiet").poolSize(1).maxOverflow(0).build()) {
                quiet.withConnection(PoolTests::selectOne);
            }
            assertThat(appender.list).noneMatch(e -> e.getFormattedMessage().startsWith("t-quiet"));
            try (ConnectionPoolManager echo = PoolTests.builder(db, "echo").poolSize(1).maxOverflow(0).echo(true)
                    .build()) {
                echo.withConnection(PoolTests::selectOne);
            }
        } finally {
            events.detachAppender(appender);
        }
        assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().startsWith("t-echo"))
                .allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO)
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("t-echo - create conn#1"))
                .anyMatch(m -> m.startsWith("t-echo - checkout conn#1"))
                .anyMatch(m -> m.startsWith("t-echo - return conn#1"));
    }

    @DialectTest
    void aBorrowIsBookedOnThePhysicalConnectionAndEndsWhenHikariTakesItBack(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "lease").poolSize(1).maxOverflow(0).build()) {
            io.dbopt.pool.driver.Lease lease;
            try (Connection c = pool.dataSource().getConnection()) {
                lease = c.unwrap(io.dbopt.pool.driver.TrackedConnection.class).lease();
                assertThat(lease.borrower()).isSameAs(Thread.currentThread());
                assertThat(PoolTests.selectOne(c)).isEqualTo(1);
            }
            assertThat(lease.borrower()).as("returned").isNull();
            assertThat(lease.lends()).isEqualTo(1);
            assertThat(pool.metrics().usageTime().count()).isEqualTo(1);
            assertThat(pool.metrics().acquisitions()).isEqualTo(1);
        }
    }

    @DialectTest
    void anAdoptedPoolsBorrowsAreTrackedForLeaks(TestDatabase db) throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(PoolTests.url(db));
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(2);
        hc.setPoolName("adopted-leak");
        try (ConnectionPoolManager pool = ConnectionPoolManager.builder().adopt(new HikariDataSource(hc))
                .leakDetectionThreshold(Duration.ofMillis(200)).healthCheckInterval(Duration.ZERO).build()) {
            Connection held = pool.dataSource().getConnection();
            String me = Thread.currentThread().getName();
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(pool.connectionHealth().leaks()).singleElement().satisfies(l ->
                            assertThat(l.thread()).isEqualTo(me)));
            held.close();
            held.close();
            assertThat(pool.connectionHealth().leaks()).isEmpty();
            assertThat(pool.metrics().acquisitions()).isEqualTo(1);
            assertThat(pool.metrics().checkedOut()).isZero();
        }
    }
}
