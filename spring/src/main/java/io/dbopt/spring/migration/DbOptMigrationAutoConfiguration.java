package io.dbopt.spring.migration;

import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.MigrationSet;
import io.dbopt.spring.DbOptAutoConfiguration;
import io.dbopt.spring.DbOptProperties;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Migrations on startup ({@code dbopt.migration.*}): a {@link MigrationFramework} over the application's data source
 * with one set per name in {@code dbopt.migration.sets} (each read from {@code classpath:db/<set>}), or, without
 * sets, one set over Spring Boot's {@code spring.flyway.locations} (default {@code classpath:db/migration}) and
 * history table, to lint what Boot's Flyway will run. {@link StartupMigrations} lints on startup and, with
 * {@code dbopt.migration.mode=migrate}, migrates; {@link FlywaySwitch} turns Boot's Flyway off in that mode. In
 * {@code lint} mode Boot's Flyway initializer, when it runs, waits for the lint.
 */
@AutoConfiguration(after = DbOptAutoConfiguration.class, beforeName = {
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@ConditionalOnClass(MigrationFramework.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(name = {"dbopt.enabled", "dbopt.migration.enabled"}, matchIfMissing = true)
public class DbOptMigrationAutoConfiguration {

    static final String STARTUP_BEAN = "dbOptStartupMigrations";
    private static final List<String> FLYWAY_INITIALIZERS = List.of(
            "org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer",
            "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer");

    /** The migration sets of {@code dbopt.migration.sets}, or Boot's Flyway locations. */
    @Bean
    @ConditionalOnMissingBean
    public MigrationFramework dbOptMigrationFramework(DataSource dataSource, DbOptProperties properties,
                                                      Environment environment) {
        MigrationFramework.Builder b = MigrationFramework.configure().dataSource(dataSource)
                .classLoader(ClassUtils.getDefaultClassLoader());
        List<String> sets = properties.getMigration().getSets();
        if (sets.isEmpty()) {
            MigrationSet.Builder set = MigrationSet.builder("application")
                    .historyTable(environment.getProperty("spring.flyway.table", "flyway_schema_history"));
            Arrays.stream(environment.getProperty("spring.flyway.locations", String[].class,
                    new String[] {"classpath:db/migration"})).forEach(set::location);
            b.set(set.build());
        } else {
            sets.forEach(name -> b.set(MigrationSet.builder(name).location("classpath:db/" + name).build()));
        }
        if (properties.getMigration().isLintOnStartup()) {
            b.lintGate(properties.getMigration().getFailOn());
        }
        return b.load();
    }

    /** Lints (and migrates) when the context starts. */
    @Bean(STARTUP_BEAN)
    public StartupMigrations dbOptStartupMigrations(MigrationFramework migrations, DbOptProperties properties) {
        return new StartupMigrations(migrations, properties.getMigration());
    }

    /** Makes Spring Boot's Flyway initializer, when there is one, run after the lint. */
    @Bean
    public static BeanFactoryPostProcessor dbOptFlywayAfterLint() {
        return DbOptMigrationAutoConfiguration::flywayAfterLint;
    }

    static void flywayAfterLint(ConfigurableListableBeanFactory factory) {
        for (String type : FLYWAY_INITIALIZERS) {
            if (!ClassUtils.isPresent(type, factory.getBeanClassLoader())) {
                continue;
            }
            Class<?> initializer = ClassUtils.resolveClassName(type, factory.getBeanClassLoader());
            for (String name : factory.getBeanNamesForType(initializer, true, false)) {
                BeanDefinition definition = factory.getBeanDefinition(name);
                String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                String[] more = Arrays.copyOf(dependsOn, dependsOn.length + 1);
                more[dependsOn.length] = STARTUP_BEAN;
                definition.setDependsOn(more);
            }
        }
    }
}
