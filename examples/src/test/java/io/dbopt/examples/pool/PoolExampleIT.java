package io.dbopt.examples.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;

@DbTest
class PoolExampleIT {

    @DialectTest
    void runsAgainstARealDatabase(TestDatabase db) {
        String url = db.jdbcUrl().replaceAll("\\?.*$", "");
        PoolExample.Result result = PoolExample.run(url, db.user(), db.password());
        assertThat(result.orders()).isEqualTo(10);
        assertThat(result.snapshot().acquisitions()).isEqualTo(12);
        assertThat(result.snapshot().active()).isZero();
        assertThat(result.health().reconciliation()).isPresent();
        assertThat(result.health().reconciliation().get().droppedByServer()).isEmpty();
        assertThat(result.health().healthy()).as("%s", result.health().findings()).isTrue();
    }
}
