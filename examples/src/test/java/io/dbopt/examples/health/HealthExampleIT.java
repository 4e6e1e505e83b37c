package io.dbopt.examples.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.component.HealthStatus;
import io.dbopt.health.alert.AlertState;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthExampleIT {

    @DialectTest
    void reportsTheTicketCounterAndAlertsOnIt(TestDatabase db) throws Exception {
        HealthExample.Result r = HealthExample.run(db.jdbcUrl(), db.user(), db.password());

        assertThat(r.health().components().get("database").status()).isEqualTo(HealthStatus.UP);
        assertThat(r.health().components().get("sequences").findings()).singleElement()
                .satisfies(f -> assertThat(f.object().name()).contains("example_tickets"));
        assertThat(r.json()).contains("\"sequences\"").contains("\"status\" : \"DEGRADED\"");
        assertThat(r.alerts()).anySatisfy(a -> {
            assertThat(a.rule()).isEqualTo("health.sequences");
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
        });
        assertThat(r.tps().points()).hasSize(1);
    }
}
