package io.dbopt.examples.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.config.DbOptConfig;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Runs the bulk example on both databases. */
@DbTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BulkExampleIT {

    @DialectTest
    void loadsUpsertsBackfillsAndArchives(TestDatabase db) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("database.url", db.jdbcUrl(), "database.user", db.user()));
        BulkExample.Summary s = BulkExample.run(DbOptConfig.of(settings), db.dataSource(), 20_000);
        assertThat(s.load().rowsInserted()).isEqualTo(19_999);
        assertThat(s.badRows()).singleElement().satisfies(b -> {
            assertThat(b.rowNumber()).isEqualTo(4_242);
            assertThat(b.column()).hasValue("title");
            assertThat(b.reason()).doesNotContain("xxxx");
        });
        assertThat(s.upsert().rowsInserted()).isEqualTo(1_000);
        assertThat(s.upsert().rowsUpdated()).isEqualTo(1_000);
        assertThat(s.backfill().rows()).isEqualTo(20_999);
        assertThat(s.plan().rows()).isEqualTo(2);
        assertThat(s.archive().rowsMoved()).isEqualTo(2);
        assertThat(s.progressEvents()).isPositive();
        assertThat(db.queryLong("SELECT COUNT(*) FROM handoff_archive")).isEqualTo(2);
    }
}
