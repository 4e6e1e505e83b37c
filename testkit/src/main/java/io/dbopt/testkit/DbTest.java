package io.dbopt.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that uses real databases. The class gets its own throwaway database per dialect, created on
 * first use and dropped after the last test of the class.
 *
 * <p>Methods annotated {@link DialectTest} run once per dialect. Plain {@code @Test} methods (and lifecycle methods)
 * may take a {@link TestDatabase}, {@link javax.sql.DataSource}, {@link io.dbopt.core.Dialect} or {@link TestDialect}
 * parameter when the class names exactly one dialect, or when the parameter is annotated with {@link On}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DbTestExtension.class)
public @interface DbTest {

    /** The dialects the class's {@link DialectTest} methods run on by default. */
    TestDialect[] value() default {TestDialect.POSTGRESQL, TestDialect.MARIADB};
}
