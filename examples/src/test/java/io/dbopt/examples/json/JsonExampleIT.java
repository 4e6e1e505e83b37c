package io.dbopt.examples.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JsonExampleIT {

    @DialectTest
    void advisesRewritesCompressesAndRecordsDiffsOnARealDatabase(TestDatabase db) throws Exception {
        JsonExample.Result r = JsonExample.run(db.dataSource());

        assertThat(r.findings()).extracting(f -> f.check().value()).contains("json.unserved-predicate");
        assertThat(r.rewrite().changed()).isEqualTo(db.testDialect() == io.dbopt.testkit.TestDialect.POSTGRESQL);
        assertThat(r.verification().identical()).isTrue();
        assertThat(r.migration().complete()).isTrue();
        assertThat(r.migration().ratio()).isLessThan(0.6);
        assertThat(r.firstVersion()).contains("change 1</li>").doesNotContain("change 2</li>");
        assertThat(r.history().versions()).isEqualTo(30);
        assertThat(r.history().ratio()).isLessThan(0.3);
        assertThat(r.metrics().historyDiffs()).isEqualTo(28);
    }
}
