package io.dbopt.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

@DbTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SpringBootExampleIT {

    @DialectTest(TestDialect.POSTGRESQL)
    void aBootApplicationWithTheStarterIsProfiledMeteredCheckedAndDiagnosed(TestDatabase db) {
        try (ConfigurableApplicationContext context = SpringBootExample.start(
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--dbopt.alerts.log=false")) {
            SpringBootExample.Result r = SpringBootExample.work(context);
            assertThat(r.topQueries()).anySatisfy(q -> {
                assertThat(q.fingerprint()).containsIgnoringCase("example_books");
                assertThat(q.executions()).isEqualTo(20);
            });
            assertThat(r.health()).isEqualTo("UP");
            assertThat(context.getBean(MeterRegistry.class).find("dbopt.query.executions").meter()).isNotNull();
        }
    }
}
