package io.dbopt.examples.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.query.plan.InsightKind;
import io.dbopt.query.rewrite.RewriteRule;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.util.Optional;
import java.util.UUID;

@DbTest
class QueryExampleIT {

    @DialectTest
    void profilesExplainsRewritesAndCachesOnARealDatabase(TestDatabase db) throws Exception {
        QueryExample.Result result = QueryExample.run(db.dataSource(), Optional.of("redis://127.0.0.1:6379"),
                "dbopt-example-test:" + UUID.randomUUID() + ":");

        assertThat(result.nPlusOne()).singleElement().satisfies(n -> {
            assertThat(n.fingerprint()).isEqualTo("select title from example_books where author_id = ?");
            assertThat(n.executions()).isEqualTo(300);
            assertThat(n.callSite().methodName()).isEqualTo("authorsWithTheirBooksOneByOne");
        });
        assertThat(result.top()).isNotEmpty();
        assertThat(result.plan().has(InsightKind.SEQ_SCAN_FEW_ROWS)).isTrue();
        assertThat(result.rewrite().applied()).extracting(r -> r.rule())
                .contains(RewriteRule.SELECT_STAR, RewriteRule.OR_TO_IN);
        assertThat(result.rewrite().sql()).startsWith("SELECT id, author_id, title, genre FROM example_books")
                .contains("genre IN ('poetry', 'drama')");
        assertThat(result.titleBefore()).isEqualTo("Collected Poems");
        assertThat(result.titleAfter()).isEqualTo("Collected Poems, second edition");
        assertThat(result.cache().localHits()).isEqualTo(1);
        assertThat(result.cache().invalidations()).isEqualTo(1);
    }
}
