package io.dbopt.spring.actuate;

import io.dbopt.core.config.CoreKeys;
import io.dbopt.core.config.DatabaseUrl;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.health.HealthKeys;
import io.dbopt.health.probe.ProbeDataSources;
import io.dbopt.health.probe.ProbeSettings;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.query.QueryProfiler;
import io.dbopt.spring.DbOptAutoConfiguration;
import io.dbopt.spring.OwnConnections;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Actuator integration, when Spring Boot's actuator is on the class path: the {@code dbopt} endpoint serving the
 * doctor's report and the {@code dbopt} health indicator over the health monitor
 * ({@code management.health.dbopt.enabled}), in the health API of Spring Boot 3 or of Spring Boot 4, whichever is
 * on the class path. Each indicator sits in a nested class of its own, so that this class loads on either line.
 */
@AutoConfiguration(after = DbOptAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"})
@ConditionalOnProperty(name = "dbopt.enabled", matchIfMissing = true)
public class DbOptActuatorAutoConfiguration {

    /** The indicator for Spring Boot 3's health API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnBean(DatabaseHealthMonitor.class)
    public static class Boot3Health {

        /** Named so that its contributor is {@code dbopt} in {@code /actuator/health}. */
        @Bean
        @ConditionalOnMissingBean(name = "dboptHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("dbopt")
        public DbOptHealthIndicator dboptHealthIndicator(DatabaseHealthMonitor monitor) {
            return new DbOptHealthIndicator(monitor);
        }
    }

    /** The indicator for Spring Boot 4's health API ({@code org.springframework.boot.health.contributor}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnBean(DatabaseHealthMonitor.class)
    public static class Boot4Health {

        /** Named so that its contributor is {@code dbopt} in {@code /actuator/health}. */
        @Bean
        @ConditionalOnMissingBean(name = "dboptHealthIndicator")
        @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("dbopt")
        public DbOptBoot4HealthIndicator dboptHealthIndicator(DatabaseHealthMonitor monitor) {
            return new DbOptBoot4HealthIndicator(monitor);
        }
    }

    /**
     * The doctor endpoint. Each run connects to {@code dbopt.database.url}, else to the server of the application's
     * data source, without its pool, with connect and socket timeouts; the profiler's recording and the adopted pool
     * are handed to the sections.
     */
    @Bean
    @ConditionalOnBean(DbOptConfig.class)
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = DoctorEndpoint.class)
    public DoctorEndpoint dbOptDoctorEndpoint(DbOptConfig config, ObjectProvider<DataSource> dataSource,
                                              ObjectProvider<QueryProfiler> profiler,
                                              ObjectProvider<ConnectionPoolManager> pool, Environment environment) {
        Duration statementTimeout = config.get(CoreKeys.DOCTOR_STATEMENT_TIMEOUT);
        return new DoctorEndpoint(() -> {
            DatabaseUrl url = OwnConnections.settings(config, Optional.ofNullable(dataSource.getIfUnique()),
                    environment).requireDatabase();
            // its own connections, bounded: connect within health.connect_timeout, no reply wait beyond the
            // statement timeout and a margin, so that a hung server cannot hold the endpoint forever
            DataSource own = ProbeDataSources.forUrl(url, new ProbeSettings(config.get(HealthKeys.CONNECT_TIMEOUT),
                    statementTimeout, statementTimeout.plusSeconds(10), "dbopt-doctor"));
            Doctor.Builder doctor = Doctor.builder().dataSource(own).statementTimeout(statementTimeout);
            profiler.ifUnique(p -> doctor.attach(QueryProfiler.class, p));
            pool.ifUnique(p -> doctor.attach(ConnectionPoolManager.class, p));
            return doctor.build();
        });
    }
}
