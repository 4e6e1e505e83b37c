package io.dbopt.spring.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.mock.env.MockEnvironment;

/** Who runs the migrations: Boot's Flyway auto-configuration switched off, or made to wait for dbopt's lint. */
@Timeout(30)
class FlywaySwitchTest {

    @Test
    void bootsFlywayAutoConfigurationCannotDriveTheFlywayDboptBrings() {
        // Boot 3.5 calls FluentConfiguration.cleanOnValidationError, which Flyway 12 removed
        assertThat(FlywaySwitch.bootFlywayCannotWork(getClass().getClassLoader())).isTrue();
    }

    @Test
    void switchesBootsFlywayOffUnlessTheApplicationSaysOtherwise() {
        MockEnvironment plain = new MockEnvironment();
        new FlywaySwitch().postProcessEnvironment(plain, null);
        assertThat(plain.getProperty("spring.flyway.enabled")).isEqualTo("false");

        MockEnvironment own = new MockEnvironment().withProperty("spring.flyway.enabled", "true");
        new FlywaySwitch().postProcessEnvironment(own, null);
        assertThat(own.getProperty("spring.flyway.enabled")).isEqualTo("true");
    }

    @Test
    void migrateModeAlwaysSwitchesBootsFlywayOff() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.flyway.enabled", "true")
                .withProperty("dbopt.migration.mode", "migrate");
        new FlywaySwitch().postProcessEnvironment(env, null);
        assertThat(env.getProperty("spring.flyway.enabled")).isEqualTo("false");
    }

    @Test
    void leavesEverythingAloneWhenTheStarterIsOff() {
        MockEnvironment env = new MockEnvironment().withProperty("dbopt.enabled", "false")
                .withProperty("dbopt.migration.mode", "migrate");
        new FlywaySwitch().postProcessEnvironment(env, null);
        assertThat(env.getProperty("spring.flyway.enabled")).isNull();
    }

    @Test
    void bootsFlywayInitializerWaitsForTheLint() {
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
        RootBeanDefinition initializer = new RootBeanDefinition(FlywayMigrationInitializer.class);
        initializer.setDependsOn("flyway");
        factory.registerBeanDefinition("flywayInitializer", initializer);
        DbOptMigrationAutoConfiguration.flywayAfterLint(factory);
        assertThat(factory.getBeanDefinition("flywayInitializer").getDependsOn())
                .containsExactly("flyway", DbOptMigrationAutoConfiguration.STARTUP_BEAN);
    }
}
