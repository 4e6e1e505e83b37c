package io.dbopt.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once per dialect, each run named {@code [postgresql]} / {@code [mariadb]} and given that
 * dialect's database of the class. Dialects excluded by {@code -Ddbopt.test.dialects} are not run; a dialect that is
 * included but has no server fails the run with a message saying how to provide one.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(DbTestExtension.class)
public @interface DialectTest {

    /** The dialects to run on; empty means the class's {@link DbTest} dialects (or both). */
    TestDialect[] value() default {};
}
