package io.dbopt.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DbOptException;
import io.dbopt.migration.MigrationErrorCode;
import io.dbopt.spring.migration.DbOptMigrationAutoConfiguration;
import io.dbopt.spring.migration.StartupMigrations;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Migrations on application startup, on both servers: a script the lint rejects stops the startup, a raised
 * threshold lets it start with the finding kept, and {@code mode=migrate} applies a set from
 * {@code classpath:db/<set>}.
 */
@Timeout(120)
class MigrationOnStartupIT {

    private static ApplicationContextRunner runner(TestDatabase db) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DbOptAutoConfiguration.class, DbOptMigrationAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(),
                        "spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
                        "dbopt.alerts.log=false", "dbopt.health.enabled=false", "dbopt.pool.enabled=false");
    }

    @DialectTest
    void aScriptTheLintRejectsStopsTheStartup(TestDatabase db) {
        runner(db).withPropertyValues("dbopt.migration.sets=unsafe").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(DbOptException.class)
                    .hasMessageContaining("migration.drop-table").hasMessageContaining("dbopt.migration.fail-on");
            assertThat(((DbOptException) rootCause(context.getStartupFailure())).errorCode())
                    .isEqualTo(MigrationErrorCode.LINT_FAILED);
        });
        runner(db).withPropertyValues("dbopt.migration.sets=unsafe", "dbopt.migration.fail-on=critical")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(StartupMigrations.class).lint().findings())
                            .anySatisfy(f -> assertThat(f.check().value()).isEqualTo("migration.drop-table"));
                });
    }

    @DialectTest
    void migratesTheSetsWhenAskedTo(TestDatabase db) {
        runner(db).withPropertyValues("dbopt.migration.sets=orders", "dbopt.migration.mode=migrate")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(db.queryLong("SELECT COUNT(*) FROM orders")).isZero();
                });
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
