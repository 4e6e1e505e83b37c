package io.dbopt.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.query.QueryProfiler;
import io.dbopt.spring.actuate.DbOptBoot4HealthIndicator;
import io.dbopt.spring.actuate.DoctorEndpoint;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter, built against Spring Boot 3.5, in a Spring Boot 4 application on a real server: the profiler beneath
 * Boot 4's HikariCP pool, the pool adopted, meters in Boot 4's registry, the health indicator in Boot 4's health API,
 * the doctor endpoint.
 */
@DbTest
@Timeout(120)
class Boot4StarterIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void aBoot4ApplicationGetsTheProfilerMetersHealthAndTheDoctor(TestDatabase db) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + db.password(), "dbopt.alerts.log=false",
                        "dbopt.health.interval=500ms", "dbopt.query.slow-query-threshold=750ms",
                        "management.endpoints.web.exposure.include=health,dbopt")
                .run()) {
            DataSource ds = context.getBean(DataSource.class);
            assertThat(ds).isInstanceOf(HikariDataSource.class);
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("SELECT 4");
            }
            QueryProfiler profiler = context.getBean(QueryProfiler.class);
            assertThat(profiler.slowQueryThreshold()).isEqualTo(Duration.ofMillis(750));
            assertThat(profiler.statsOf("SELECT 4")).isPresent();
            assertThat(context.getBean(ConnectionPoolManager.class).metrics().size()).isPositive();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("dbopt.query.executions").meter()).isNotNull();
            assertThat(registry.find("dbopt.pool.size").meter()).isNotNull();
            DbOptBoot4HealthIndicator health = context.getBean(DbOptBoot4HealthIndicator.class);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> health.health().getStatus() == Status.UP);
            assertThat(context.getBean(DoctorEndpoint.class)).isNotNull();
        }
    }
}
