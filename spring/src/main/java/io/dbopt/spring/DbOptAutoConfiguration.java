package io.dbopt.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.bulk.BulkOperationHandler;
import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.config.ConfigKey;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.index.IndexManager;
import io.dbopt.json.JsonFieldOptimizer;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.query.QueryProfiler;
import io.dbopt.spring.profiling.DataSourceProfiling;
import io.dbopt.transaction.TransactionManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Configures dbopt around the application's {@code DataSource}: the {@link DbOptConfig} read from {@code dbopt.*},
 * one {@link MetricsRecorder} over the application's {@code MeterRegistry} that every component records through,
 * the {@link QueryProfiler} beneath (or around) the data source, the application's HikariCP pool adopted by a
 * {@link ConnectionPoolManager}, and the index, transaction, bulk and JSON components as beans. Each module has its
 * switch, {@code dbopt.<module>.enabled} (default true); {@code dbopt.enabled=false} switches the starter off.
 * Every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({DataSource.class, DbOptConfig.class})
@ConditionalOnProperty(name = "dbopt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DbOptProperties.class)
public class DbOptAutoConfiguration {

    /** The one configuration of every dbopt component, from the {@code dbopt.*} properties. */
    @Bean
    @ConditionalOnMissingBean
    public DbOptConfig dbOptConfig(Environment environment) {
        return SpringDbOptConfig.from(environment);
    }

    /** Meters go to the application's registry when it has exactly one; else nowhere. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(MetricsRecorder.class)
    public MetricsRecorder dbOptMetricsRecorder(ObjectProvider<MeterRegistries> registries) {
        return registries.getIfAvailable(() -> MeterRegistries.NONE).recorder();
    }

    /** The query profiler and what puts it beneath the data source. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(QueryProfiler.class)
    @ConditionalOnProperty(name = "dbopt.query.enabled", matchIfMissing = true)
    public static class Profiling {

        /** The profiler, named {@code application}, with the {@code query.*} settings. */
        @Bean
        @ConditionalOnMissingBean
        public QueryProfiler dbOptQueryProfiler(DbOptConfig config, MetricsRecorder metrics) {
            return QueryProfiler.builder().name("application").config(config).metrics(metrics).build();
        }

        /** Static: a post-processor is created before other beans; it looks the profiler up when first needed. */
        @Bean
        public static DataSourceProfiling dbOptDataSourceProfiling(ObjectProvider<QueryProfiler> profiler) {
            return new DataSourceProfiling(profiler::getObject);
        }
    }

    /** The application's HikariCP pool, adopted for metrics, health checks and leak detection. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HikariDataSource.class, ConnectionPoolManager.class})
    @ConditionalOnProperty(name = "dbopt.pool.enabled", matchIfMissing = true)
    @ConditionalOnBean(HikariDataSource.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    public static class Pool {

        /**
         * Adopts the pool with the {@code pool.*} settings; its size and timeouts stay those of
         * {@code spring.datasource.hikari.*} unless set under {@code dbopt.pool.*}. Closing the manager closes the
         * pool, as the context does anyway.
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        public ConnectionPoolManager dbOptPool(DataSource dataSource, DbOptConfig config, MetricsRecorder metrics) {
            HikariDataSource hikari = OwnConnections.hikari(dataSource).orElseThrow(() -> new DbOptException(
                    CoreErrorCode.INVALID_CONFIGURATION, "The data source bean " + dataSource + " does not unwrap to "
                    + "a HikariCP pool, so dbopt cannot adopt it: set dbopt.pool.enabled=false"));
            return ConnectionPoolManager.builder().config(withoutDatabase(config)).adopt(hikari).metrics(metrics)
                    .build();
        }
    }

    /** dbopt's own components over the application's data source, each recording into the registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(DataSource.class)
    public static class Components {

        /** Index analysis and safe index changes. */
        @Bean(destroyMethod = "close")
        @ConditionalOnClass(IndexManager.class)
        @ConditionalOnMissingBean
        @ConditionalOnProperty(name = "dbopt.index.enabled", matchIfMissing = true)
        public IndexManager dbOptIndexManager(DataSource dataSource, DbOptConfig config, MetricsRecorder metrics) {
            return IndexManager.builder(dataSource).config(withoutDatabase(config)).metrics(metrics).build();
        }

        /** dbopt's transactions: isolation policy, retries of deadlock and serialization victims. */
        @Bean(destroyMethod = "close")
        @ConditionalOnClass(TransactionManager.class)
        @ConditionalOnMissingBean
        @ConditionalOnProperty(name = "dbopt.transaction.enabled", matchIfMissing = true)
        public TransactionManager dbOptTransactionManager(DataSource dataSource, MetricsRecorder metrics) {
            return TransactionManager.builder().dataSource(dataSource).name("application").metrics(metrics).build();
        }

        /** Bulk loading, chunked updates and archival. */
        @Bean(destroyMethod = "close")
        @ConditionalOnClass(BulkOperationHandler.class)
        @ConditionalOnMissingBean
        @ConditionalOnProperty(name = "dbopt.bulk.enabled", matchIfMissing = true)
        public BulkOperationHandler dbOptBulkOperationHandler(DataSource dataSource, DbOptConfig config,
                                                              MetricsRecorder metrics) {
            return BulkOperationHandler.builder().config(withoutDatabase(config)).dataSource(dataSource)
                    .metrics(metrics).build();
        }

        /** JSON index advice, path rewrites, compression and change history. */
        @Bean(destroyMethod = "close")
        @ConditionalOnClass(JsonFieldOptimizer.class)
        @ConditionalOnMissingBean
        @ConditionalOnProperty(name = "dbopt.json.enabled", matchIfMissing = true)
        public JsonFieldOptimizer dbOptJsonFieldOptimizer(DataSource dataSource, DbOptConfig config,
                                                          MetricsRecorder metrics) {
            return JsonFieldOptimizer.builder(dataSource).config(withoutDatabase(config)).metrics(metrics).build();
        }
    }

    /**
     * The health monitor: its checker has a connection of its own (to {@code dbopt.database.url}, else to the server
     * of the application's data source), never one of the application's pool, and checks every
     * {@code health.interval} in the background, so that asking it answers at once.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DatabaseHealthMonitor.class)
    @ConditionalOnProperty(name = "dbopt.health.enabled", matchIfMissing = true)
    public static class Monitoring {

        /** Started with the context, closed with it; the adopted pool is attached when there is one. */
        @Bean(initMethod = "start", destroyMethod = "close")
        @ConditionalOnMissingBean
        public DatabaseHealthMonitor dbOptHealthMonitor(DbOptConfig config, MetricsRecorder metrics,
                                                        ObjectProvider<DataSource> dataSource,
                                                        ObjectProvider<ConnectionPoolManager> pool,
                                                        Environment environment) {
            DatabaseHealthMonitor.Builder b = DatabaseHealthMonitor.builder()
                    .config(OwnConnections.settings(config, Optional.ofNullable(dataSource.getIfUnique()), environment))
                    .metrics(metrics);
            pool.ifUnique(b::attach);
            return b.build();
        }
    }

    /** The application's registry, when Micrometer is on the class path and the application has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    public static class Micrometer {

        /** Looks the registry up when the recorder is created. */
        @Bean
        public MeterRegistries dbOptMeterRegistries(ObjectProvider<MeterRegistry> registry) {
            return () -> {
                MeterRegistry r = registry.getIfUnique();
                return r == null ? MetricsRecorder.noop() : MetricsRecorder.micrometer(r);
            };
        }
    }

    /**
     * {@code config} without its {@code database.*} keys: those say where dbopt's own connections go, while the
     * components here work on the application's data source.
     */
    static DbOptConfig withoutDatabase(DbOptConfig config) {
        DbOptConfig.Builder b = DbOptConfig.builder();
        for (ConfigKey<?> key : config.keys()) {
            if (!key.section().equals("database")) {
                copy(config, key, b);
            }
        }
        return b.build();
    }

    private static <T> void copy(DbOptConfig config, ConfigKey<T> key, DbOptConfig.Builder into) {
        config.find(key).ifPresent(value -> into.set(key, value));
    }
}
