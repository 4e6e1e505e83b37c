package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.DbOptException;
import io.dbopt.core.component.HealthJson;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.DataSources;
import io.dbopt.core.jdbc.OwnedDataSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** The seed's configuration block, SQLAlchemy URL and all, builds a working pool on both servers. */
@DbTest
@Timeout(60)
class SeedConfigurationIT {

    /** The seed's block ("Using ConnectionPoolManager"), every seed key, pointed at the test database. */
    private static Map<String, Object> seed(TestDatabase db, String label) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("database_url", PoolTests.sqlAlchemyUrl(db));
        config.put("pool_size", 10);
        config.put("max_overflow", 20);
        config.put("pool_timeout", 30);
        config.put("pool_recycle", 1800);
        config.put("pool_pre_ping", true);
        config.put("pool_use_lifo", false);
        config.put("echo_pool", true);
        config.put("pool.name", "t-" + label);
        config.put("pool.application_name", PoolTests.appName(label));
        return config;
    }

    @DialectTest
    void theSeedsConfigBlockBuildsAWorkingPool(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, tenant_id varchar(32), name varchar(50))",
                "DELETE FROM users", "INSERT INTO users VALUES (1, 'tenant-123', 'ada'), (2, 'tenant-456', 'bob')");
        ListAppender<ILoggingEvent> startup = capture("io.dbopt.pool.PoolAssembly");
        ListAppender<ILoggingEvent> events = capture("io.dbopt.pool.events");
        try (ConnectionPoolManager pool = ConnectionPoolManager.create(DbOptConfig.of(seed(db, "seed")))) {
            PoolConfig config = pool.config();
            assertThat(config.poolSize()).isEqualTo(10);
            assertThat(config.maxOverflow()).isEqualTo(20);
            assertThat(config.poolTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.poolRecycle()).isEqualTo(Duration.ofMinutes(30));
            assertThat(config.prePing()).isTrue();
            assertThat(config.echo()).isTrue();
            assertThat(config.redactedUrl()).startsWith("jdbc:");

            List<String> names = pool.inTransaction(session -> {
                try (PreparedStatement ps = session.prepareStatement("SELECT name FROM users WHERE tenant_id = ?")) {
                    ps.setString(1, "tenant-123");
                    List<String> found = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                    return found;
                }
            });
            assertThat(names).containsExactly("ada");

            PoolSnapshot metrics = pool.metrics();
            assertThat(metrics.values()).containsEntry("size", 10).containsEntry("checked_out", 0)
                    .containsEntry("acquisitions", 1L).containsKeys("checked_in", "overflow", "acquire_p99_ms");
            assertThat(metrics.checkedIn() + metrics.checkedOut()).isLessThanOrEqualTo(metrics.total());
            assertThat(pool.healthCheck().status()).isEqualTo(HealthStatus.UP);
            assertThat(HealthJson.write(pool.healthCheck())).contains("\"status\" : \"UP\"").contains("checked_out");
        } finally {
            release("io.dbopt.pool.PoolAssembly", startup);
            release("io.dbopt.pool.events", events);
        }
        assertThat(startup.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.contains("seed settings on HikariCP")).singleElement().satisfies(m -> assertThat(m)
                        .contains("pool_pre_ping=true validates a connection idle for more than 500 ms")
                        .contains("pool_use_lifo=false changes nothing")
                        .contains("echo_pool=true writes every checkout"));
        assertThat(events.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).startsWith("t-seed - checkout conn#");
        });
    }

    @DialectTest
    void dataSourcesOpenBuildsADboptPoolFromTheSameBlock(TestDatabase db) throws Exception {
        Map<String, Object> config = seed(db, "open");
        config.put("pool_size", 1);
        config.put("max_overflow", 1);
        config.remove("echo_pool");
        OwnedDataSource ds = DataSources.open(DbOptConfig.of(config));
        try (ds) {
            assertThat(ds.describe()).isEqualTo("dbopt pool t-open (1..2 connections)");
            assertThat(ds.unwrap(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(2);
            try (Connection c = ds.getConnection()) {
                assertThat(PoolTests.selectOne(c)).isEqualTo(1);
            }
        }
        PoolAcquireException closed = (PoolAcquireException) catchThrowable(ds::getConnection);
        assertThat(closed.failure()).isEqualTo(AcquireFailure.POOL_CLOSED);
    }

    @DialectTest
    void unknownKeysAndBadValuesInTheBlockFailWithGoodMessages(TestDatabase db) {
        Map<String, Object> typo = seed(db, "typo");
        typo.put("pool_sise", 10);
        assertThat(catchThrowable(() -> DbOptConfig.of(typo))).isInstanceOf(DbOptException.class)
                .hasMessageContaining("Unknown setting 'pool_sise'").hasMessageContaining("did you mean 'pool.size'");
        Map<String, Object> bad = seed(db, "bad");
        bad.put("pool_timeout", "thirty");
        assertThat(catchThrowable(() -> DbOptConfig.of(bad))).isInstanceOf(DbOptException.class)
                .hasMessageContaining("pool.timeout = 'thirty'")
                .hasMessageContaining("a duration such as 30s, 500ms, 5m or a number of seconds");
        Map<String, Object> url = seed(db, "url");
        url.put("database_url", "oracle://scott:tiger@db/orcl");
        assertThat(catchThrowable(() -> ConnectionPoolManager.create(DbOptConfig.of(url))))
                .isInstanceOf(DbOptException.class).hasMessageContaining("names no supported server")
                .hasMessageNotContaining("tiger");
    }

    private static ListAppender<ILoggingEvent> capture(String logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    private static void release(String logger, ListAppender<ILoggingEvent> appender) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).detachAppender(appender);
    }
}
