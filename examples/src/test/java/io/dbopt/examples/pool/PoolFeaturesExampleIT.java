package io.dbopt.examples.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(60)
class PoolFeaturesExampleIT {

    @DialectTest
    void runsAgainstARealDatabase(TestDatabase db) {
        String url = db.jdbcUrl().replaceAll("\\?.*$", "");
        PoolFeaturesExample.Result result = PoolFeaturesExample.run(url, db.user(), db.password());
        assertThat(result.orders()).isEqualTo(10);
        assertThat(result.snapshot().acquisitions()).isEqualTo(12);
        assertThat(result.snapshot().checkedOut()).isZero();
        assertThat(result.health().reconciliation()).isPresent();
        assertThat(result.health().reconciliation().get().droppedByServer()).isEmpty();
        assertThat(result.health().healthy()).as("%s", result.health().findings()).isTrue();
    }
}
