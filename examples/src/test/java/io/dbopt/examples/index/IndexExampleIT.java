package io.dbopt.examples.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.index.ApplyResult;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;

@DbTest
class IndexExampleIT {

    @DialectTest
    void analysesRecommendsAppliesAndDropsOnARealDatabase(TestDatabase db) throws Exception {
        IndexExample.Result result = IndexExample.run(db.dataSource());

        assertThat(result.findings()).extracting(f -> f.check().value())
                .contains("index.duplicate", "index.recommended", "index.unserved-predicate");
        assertThat(result.recommendations().recommendations()).singleElement()
                .satisfies(r -> assertThat(r.index().columns()).containsExactly("customer_id", "status",
                        "created_at"));
        assertThat(result.applied()).extracting(ApplyResult::action)
                .containsExactly(ApplyResult.Action.CREATED, ApplyResult.Action.DROPPED);
        assertThat(db.queryLong(db.testDialect() == io.dbopt.testkit.TestDialect.POSTGRESQL
                ? "SELECT count(*) FROM pg_indexes WHERE tablename = 'example_orders'"
                : "SELECT count(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'example_orders'")).isEqualTo(3);
    }
}
