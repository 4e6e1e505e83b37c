package io.dbopt.spring.migration;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Switches Spring Boot's Flyway auto-configuration off ({@code spring.flyway.enabled=false}) in two cases:
 * <ul>
 *   <li>{@code dbopt.migration.mode=migrate}: dbopt migrates, and two migrators on one history would fight; this
 *       wins over the application's own {@code spring.flyway.enabled};</li>
 *   <li>the auto-configuration on the class path cannot drive the Flyway on the class path (Spring Boot 3.5's calls
 *       {@code cleanOnValidationError}, which Flyway 12 removed, and dbopt's migration module brings a newer Flyway):
 *       it would fail the application's startup with a {@code NoSuchMethodError}. Here an explicit
 *       {@code spring.flyway.enabled} of the application still wins.</li>
 * </ul>
 * Registered in {@code META-INF/spring.factories}; does nothing when {@code dbopt.enabled=false}.
 */
public final class FlywaySwitch implements EnvironmentPostProcessor {

    static final String SOURCE = "dbopt-flyway-switch";
    private static final String BOOT3_FLYWAY = "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration";
    private static final String FLUENT = "org.flywaydb.core.api.configuration.FluentConfiguration";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("dbopt.enabled", Boolean.class, true)) {
            return;
        }
        MapPropertySource off = new MapPropertySource(SOURCE, Map.of("spring.flyway.enabled", "false"));
        if ("migrate".equalsIgnoreCase(environment.getProperty("dbopt.migration.mode", "lint"))) {
            environment.getPropertySources().addFirst(off);
        } else if (bootFlywayCannotWork(environment.getClass().getClassLoader())) {
            environment.getPropertySources().addLast(off);
        }
    }

    /** True when Spring Boot 3's Flyway auto-configuration meets a Flyway without {@code cleanOnValidationError}. */
    static boolean bootFlywayCannotWork(ClassLoader loader) {
        if (!ClassUtils.isPresent(BOOT3_FLYWAY, loader) || !ClassUtils.isPresent(FLUENT, loader)) {
            return false;
        }
        Class<?> fluent = ClassUtils.resolveClassName(FLUENT, loader);
        return Arrays.stream(fluent.getMethods()).noneMatch(m -> m.getName().equals("cleanOnValidationError"));
    }
}
