package io.dbopt.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.query.QueryProfiler;
import io.dbopt.spring.actuate.DbOptHealthIndicator;
import io.dbopt.spring.actuate.DoctorEndpoint;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.proxy.FaultMode;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole path of a Boot application that adds only the starter and a few {@code dbopt.*} properties, on one real
 * server: the profiler beneath the application's HikariCP pool, every component's meters in the application's
 * registry, the health indicator UP with the pool exhausted and DOWN within its deadline when the database stops
 * answering, and the doctor endpoint's JSON. Subclasses say which server.
 */
@Timeout(90)
abstract class StarterPathIT {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static TestDatabase db;
    private static TcpFaultProxy proxy;

    @Autowired
    DataSource dataSource;
    @Autowired
    QueryProfiler profiler;
    @Autowired
    ConnectionPoolManager pool;
    @Autowired
    DatabaseHealthMonitor monitor;
    @Autowired
    DbOptHealthIndicator indicator;
    @Autowired
    DoctorEndpoint endpoint;
    @Autowired
    MeterRegistry registry;

    /**
     * The application's pool goes straight to the server; dbopt's own connections (the health checker's, the
     * doctor's) go through a fault proxy, so that the database can stop answering for dbopt alone.
     */
    static void properties(TestDialect dialect, DynamicPropertyRegistry registry) {
        db = TestDatabases.create(dialect, "spring");
        proxy = TcpFaultProxy.start(db.server().host(), db.server().port());
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "2");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "2");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "300");
        String scheme = dialect == TestDialect.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://";
        registry.add("dbopt.database.url", () -> scheme + proxy.host() + ":" + proxy.port() + "/" + db.name());
        registry.add("dbopt.database.user", db::user);
        registry.add("dbopt.database.password", db::password);
        registry.add("dbopt.query.slow-query-threshold", () -> "750ms");
        registry.add("dbopt.health.interval", () -> "300ms");
        registry.add("dbopt.health.timeout", () -> HEALTH_TIMEOUT.toMillis() + "ms");
        registry.add("dbopt.health.connect-timeout", () -> "1s");
        registry.add("dbopt.health.statement-timeout", () -> "1500ms");
        registry.add("dbopt.alerts.log", () -> "false");
        registry.add("dbopt.doctor.statement-timeout", () -> "20s");
        registry.add("management.endpoints.web.exposure.include", () -> "health,dbopt");
    }

    /**
     * Drops the test database and stops the proxy when the context closes (after the class, through
     * {@code @DirtiesContext}); registered before the auto-configured beans, it is destroyed after them.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Cleanup {
        @Bean
        AutoCloseable testDatabaseCleanup() {
            return () -> {
                try {
                    proxy.close();
                } finally {
                    db.close();
                }
            };
        }
    }

    @Test
    void profilesStatementsBeneathTheApplicationsHikariPool() throws SQLException {
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(profiler.slowQueryThreshold()).isEqualTo(Duration.ofMillis(750));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE spring_orders (id INT PRIMARY KEY, total INT)");
            for (int i = 1; i <= 3; i++) {
                st.executeUpdate("INSERT INTO spring_orders VALUES (" + i + ", " + (i * 10) + ")");
            }
            try (ResultSet rs = st.executeQuery("SELECT total FROM spring_orders WHERE id = 2")) {
                assertThat(rs.next()).isTrue();
            }
        }
        assertThat(profiler.statsOf("SELECT total FROM spring_orders WHERE id = 7"))
                .hasValueSatisfying(s -> assertThat(s.executions()).isEqualTo(1));
        assertThat(profiler.statsOf("INSERT INTO spring_orders VALUES (9, 90)"))
                .hasValueSatisfying(s -> assertThat(s.executions()).isEqualTo(3));
        assertThat(QueryProfiler.of(dataSource)).containsSame(profiler);
    }

    @Test
    void bindsEveryComponentsMetersToTheApplicationsRegistry() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(registry.find("dbopt.health.status").gauge()).isNotNull());
        assertThat(registry.get("dbopt.query.executions").functionTimer().count()).isPositive();
        assertThat(registry.get("dbopt.pool.size").gauge().value()).isEqualTo(2.0);
        List<String> modules = registry.getMeters().stream().map(m -> m.getId().getName())
                .filter(n -> n.startsWith("dbopt.")).map(n -> n.split("\\.")[1]).distinct().toList();
        assertThat(modules).contains("query", "pool", "health", "index", "transaction", "bulk", "json");
        // Spring Boot's own HikariCP meters still bind: the pool keeps its type and its metrics tracker
        assertThat(registry.find("hikaricp.connections").gauge()).isNotNull();
        assertThat(pool.metrics().size()).isEqualTo(2);
    }

    @Test
    void healthIsUpAndAnswersAtOnceWhenTheApplicationsPoolIsExhausted() throws SQLException {
        // checkNow() waits for a background cycle in flight (one that began while another test hung the database
        // would otherwise land DOWN during this test), then records a cycle of its own
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> monitor.checkNow().components().get("database").status().name().equals("UP"));
        List<Connection> borrowed = new ArrayList<>();
        try {
            borrowed.add(dataSource.getConnection());
            borrowed.add(dataSource.getConnection());
            assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class);
            long start = System.nanoTime();
            org.springframework.boot.actuate.health.Health health = indicator.health();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(took).isLessThan(Duration.ofMillis(500));
            assertThat(monitor.checkNow().components().get("database").status().name()).isEqualTo("UP");
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
    }

    @Test
    void healthGoesDownWithinItsDeadlineWhenTheDatabaseStopsAnsweringAndUpAfter() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus() == Status.UP);
        proxy.setMode(FaultMode.BLACKHOLE);
        proxy.resetAll();
        try {
            Duration slowest = Duration.ZERO;
            long hungAt = System.nanoTime();
            while (true) {
                long start = System.nanoTime();
                Status status = indicator.health().getStatus();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                slowest = took.compareTo(slowest) > 0 ? took : slowest;
                if (status == Status.DOWN) {
                    break;
                }
                assertThat(Duration.ofNanos(System.nanoTime() - hungAt)).isLessThan(Duration.ofSeconds(15));
                Awaitility.await().pollDelay(Duration.ofMillis(50)).until(() -> true);
            }
            assertThat(slowest).isLessThan(HEALTH_TIMEOUT.plusSeconds(1));
        } finally {
            proxy.heal();
            proxy.setMode(FaultMode.PASS);
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> indicator.health().getStatus() == Status.UP);
    }

    @Test
    void doctorEndpointGivesUpWithinItsTimeoutsWhenTheDatabaseHangs() {
        proxy.setMode(FaultMode.BLACKHOLE);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(endpoint::report).isInstanceOf(RuntimeException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        } finally {
            proxy.heal();
            proxy.setMode(FaultMode.PASS);
        }
        // the health monitor shares the proxy: leave it answering UP from a cycle that began after the heal
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> monitor.checkNow().components().get("database").status().name().equals("UP"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void doctorEndpointServesTheReportAsJson() throws Exception {
        Map<String, Object> report = endpoint.report();
        String json = new ObjectMapper().writeValueAsString(report);
        assertThat(report).containsKeys("title", "target", "summary", "sections");
        assertThat((List<Map<String, Object>>) report.get("sections")).isNotEmpty()
                .allSatisfy(s -> assertThat(s).doesNotContainKey("failure"));
        assertThat(json).doesNotContain(db.password().isEmpty() ? "\u0000" : db.password());
    }
}
