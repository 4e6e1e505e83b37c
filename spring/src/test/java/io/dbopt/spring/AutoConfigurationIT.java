package io.dbopt.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.bulk.BulkOperationHandler;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.index.IndexManager;
import io.dbopt.json.JsonFieldOptimizer;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.QueryProfiler;
import io.dbopt.spring.actuate.DbOptActuatorAutoConfiguration;
import io.dbopt.spring.actuate.DbOptHealthIndicator;
import io.dbopt.spring.migration.DbOptMigrationAutoConfiguration;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.transaction.TransactionManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The starter's conditions, each in a real application context over a real PostgreSQL database: what it configures
 * by default, each module's switch, backing off for the application's own beans, data sources that are not HikariCP
 * pools, Micrometer and the actuator missing, and unknown keys.
 */
@Timeout(120)
class AutoConfigurationIT {

    private static ApplicationContextRunner runner(TestDatabase db) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        DbOptAutoConfiguration.class, DbOptActuatorAutoConfiguration.class,
                        DbOptMigrationAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(),
                        "spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
                        "spring.datasource.hikari.maximum-pool-size=2", "dbopt.alerts.log=false");
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void configuresEveryModuleAroundTheApplicationsPoolByDefault(TestDatabase db) {
        runner(db).run(context -> {
            assertThat(context).hasNotFailed();
            DataSource ds = context.getBean(DataSource.class);
            assertThat(ds).isInstanceOf(HikariDataSource.class);
            for (Class<?> type : new Class<?>[] {DbOptConfig.class, QueryProfiler.class, ConnectionPoolManager.class,
                    DatabaseHealthMonitor.class, IndexManager.class, TransactionManager.class,
                    BulkOperationHandler.class, JsonFieldOptimizer.class, MigrationFramework.class,
                    DbOptHealthIndicator.class}) {
                assertThat(context).hasSingleBean(type);
            }
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("SELECT 42");
            }
            assertThat(context.getBean(QueryProfiler.class).statsOf("SELECT 42")).isPresent();
            assertThat(context.getBean(MeterRegistry.class).find("dbopt.query.executions").meter()).isNotNull();
        });
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void eachModuleHasItsSwitch(TestDatabase db) {
        Map<String, Class<?>> modules = Map.of("query", QueryProfiler.class, "pool", ConnectionPoolManager.class,
                "index", IndexManager.class, "transaction", TransactionManager.class,
                "bulk", BulkOperationHandler.class, "json", JsonFieldOptimizer.class,
                "health", DatabaseHealthMonitor.class, "migration", MigrationFramework.class);
        String all = String.join(",", modules.keySet());
        modules.forEach((module, type) -> runner(db)
                .withPropertyValues(modules.keySet().stream().filter(m -> !m.equals(module))
                        .map(m -> "dbopt." + m + ".enabled=false").toArray(String[]::new))
                .run(context -> {
                    assertThat(context).as(module + " alone of " + all).hasNotFailed().hasSingleBean(type);
                    modules.values().stream().filter(t -> t != type)
                            .forEach(other -> assertThat(context).doesNotHaveBean(other));
                    DataSource ds = context.getBean(DataSource.class);
                    try (Connection c = ds.getConnection()) { // starts the pool, if nothing did
                        assertThat(c.isValid(1)).isTrue();
                    }
                    assertThat(QueryProfiler.of(ds).isPresent()).as("profiled with only " + module)
                            .isEqualTo(module.equals("query"));
                }));
        runner(db).withPropertyValues("dbopt.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(DbOptConfig.class)
                        .doesNotHaveBean(QueryProfiler.class).doesNotHaveBean(MigrationFramework.class));
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void backsOffForTheApplicationsOwnBeans(TestDatabase db) {
        QueryProfiler own = QueryProfiler.builder().name("own").build();
        runner(db).withBean(QueryProfiler.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(QueryProfiler.class)).isSameAs(own);
            assertThat(QueryProfiler.of(context.getBean(DataSource.class))).containsSame(own);
        });
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void wrapsADataSourceThatIsNotAHikariPoolAndAdoptsNoPool(TestDatabase db) {
        runner(db).withBean("dataSource", DataSource.class, () -> new SimpleDriverDataSource(
                new org.postgresql.Driver(), db.jdbcUrl(), db.user(), db.password())).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ConnectionPoolManager.class);
                    DataSource ds = context.getBean(DataSource.class);
                    assertThat(ds).isInstanceOf(ProfiledDataSource.class);
                    assertThat(ds.unwrap(SimpleDriverDataSource.class)).isNotNull();
                    assertThat(context).hasSingleBean(DatabaseHealthMonitor.class);
                });
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void failsOnAnUnknownKeyNamingTheNearestOne(TestDatabase db) {
        runner(db).withPropertyValues("dbopt.pool.sise=3").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("pool.sise").hasMessageContaining("pool.size"));
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void worksWithoutMicrometerAndWithoutTheActuator(TestDatabase db) {
        new ApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.actuate"))
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DbOptAutoConfiguration.class, DbOptActuatorAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(),
                        "spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
                        "dbopt.alerts.log=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(QueryProfiler.class)
                            .hasSingleBean(DatabaseHealthMonitor.class).doesNotHaveBean(HealthIndicator.class);
                    assertThat(context.getBean(MetricsRecorder.class)).isSameAs(MetricsRecorder.noop());
                });
    }
}
