package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.SchemaPopulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The PostgreSQL what-if paths: transactional trial without HypoPG, its size limit, GIN candidates. */
@DbTest(TestDialect.POSTGRESQL)
class PostgresWhatIfIT {

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS orders", "DROP TABLE IF EXISTS accounts", "DROP TABLE IF EXISTS clients",
                "DROP EXTENSION IF EXISTS hypopg");
    }

    @DialectTest
    void withoutHypoPgTheTransactionalTrialValidatesAndLeavesNothingBehind(TestDatabase db) {
        Planted.orders(db, 20_000);

        Recommendations result = IndexManager.create(db.dataSource()).recommend(Workload.builder()
                .add(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE, 100, Duration.ofSeconds(1)).build());

        assertThat(result.method()).isEqualTo(WhatIfMethod.TRANSACTIONAL_TRIAL);
        assertThat(result.recommendations()).singleElement()
                .satisfies(r -> assertThat(r.index().columns()).containsExactly("customer_id", "status", "created_at"));
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE 'dbopt_trial%'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = 'orders'")).isEqualTo(2);
    }

    @DialectTest
    void trialIsRefusedAboveTheTableSizeLimit(TestDatabase db) {
        Planted.orders(db, 20_000);
        IndexManager manager = IndexManager.builder(db.dataSource())
                .options(IndexOptions.defaults().toBuilder().trialMaxTableBytes(8192).build()).build();

        Recommendations result = manager.recommend(Workload.of(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE));

        assertThat(result.recommendations()).isEmpty();
        assertThat(result.unvalidated()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.reason()).contains("trialMaxTableBytes"));
    }

    @DialectTest
    void hypoPgAndTrialAgreeOnTheRecommendation(TestDatabase db) {
        Planted.orders(db, 20_000);
        Workload workload = Workload.of(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE);
        IndexRecommendation trial = IndexManager.create(db.dataSource()).recommend(workload).recommendations().get(0);
        db.execute("CREATE EXTENSION hypopg");

        Recommendations hypo = IndexManager.create(db.dataSource()).recommend(workload);

        assertThat(hypo.method()).isEqualTo(WhatIfMethod.HYPOPG);
        assertThat(hypo.recommendations()).singleElement()
                .satisfies(r -> assertThat(r.index().columns()).isEqualTo(trial.index().columns()));
    }

    @DialectTest
    void recommendsAGinIndexForJsonbContainment(TestDatabase db) {
        SchemaPopulator.on(db).withJsonColumn().withData(5_000).populate();

        Recommendations result = IndexManager.create(db.dataSource()).recommend(Workload.builder()
                .add("SELECT id FROM accounts WHERE attrs @> CAST(? AS jsonb)", 500, Duration.ofSeconds(5)).build());

        assertThat(result.recommendations()).singleElement().satisfies(r -> {
            assertThat(r.index().method()).isEqualTo(IndexMethod.GIN_JSONB_PATH);
            assertThat(r.createStatement()).isEqualTo(
                    "CREATE INDEX CONCURRENTLY accounts_attrs_gin ON public.accounts USING gin (attrs jsonb_path_ops)");
            assertThat(r.method()).isEqualTo(WhatIfMethod.TRANSACTIONAL_TRIAL);
        });
    }

    @DialectTest
    void recommendsAPartialIndexForAConstantFilter(TestDatabase db) {
        Planted.orders(db, 20_000);

        Recommendations result = IndexManager.create(db.dataSource()).recommend(Workload.builder()
                .add("SELECT id FROM orders WHERE status = 'new' ORDER BY created_at LIMIT 20", 500,
                        Duration.ofSeconds(5)).build());

        assertThat(result.recommendations()).singleElement().satisfies(r -> {
            assertThat(r.index().columns()).containsExactly("created_at");
            assertThat(r.index().predicate()).isEqualTo("status = 'new'");
            assertThat(r.createStatement()).endsWith("(created_at) WHERE status = 'new'");
        });
    }
}
