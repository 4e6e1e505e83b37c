package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

@DbTest
class IndexRecommenderIT {

    @BeforeEach
    void plant(TestDatabase db) {
        Planted.orders(db, 20_000);
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            db.execute("CREATE EXTENSION IF NOT EXISTS hypopg");
        }
    }

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS orders");
    }

    @DialectTest
    void recommendsTheKnownCompositeIndexWithItsColumnOrder(TestDatabase db) {
        Workload workload = Workload.builder()
                .add(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE, 1_000, Duration.ofSeconds(20)).build();

        Recommendations result = IndexManager.create(db.dataSource()).recommend(workload);

        assertThat(result.recommendations()).hasSize(1);
        IndexRecommendation r = result.recommendations().get(0);
        assertThat(r.index().columns()).containsExactly("customer_id", "status", "created_at");
        assertThat(r.method()).isEqualTo(db.testDialect() == TestDialect.POSTGRESQL ? WhatIfMethod.HYPOPG
                : WhatIfMethod.ROW_ESTIMATE);
        assertThat(r.bestReduction()).isGreaterThan(0.3);
        assertThat(r.timeSaved()).isPositive();
        assertThat(result.workloadReduction()).isGreaterThan(0.3);
    }

    @DialectTest
    void caseInsensitiveLookupGetsAValidatedExpressionIndexOnPostgres(TestDatabase db) {
        Workload workload = Workload.builder()
                .add("SELECT id FROM orders WHERE lower(reference) = ?", 2_000, Duration.ofSeconds(10)).build();
        IndexManager manager = IndexManager.create(db.dataSource());

        Recommendations result = manager.recommend(workload);

        if (db.testDialect() == TestDialect.MARIADB) {
            // MariaDB has no expression indexes; the plain index on reference cannot serve lower(reference)
            assertThat(result.recommendations()).isEmpty();
            return;
        }
        assertThat(result.recommendations()).hasSize(1);
        IndexRecommendation r = result.recommendations().get(0);
        assertThat(r.index().columns()).containsExactly("(lower(reference))");
        assertThat(r.method()).isEqualTo(WhatIfMethod.HYPOPG);
        assertThat(r.bestReduction()).isGreaterThan(0.5);
        assertThat(r.createStatement()).isEqualTo("CREATE INDEX CONCURRENTLY orders_lower_reference_idx ON "
                + r.index().table().quoted(db.dialect()) + " ((lower(reference)))");

        assertThat(manager.apply(r).action()).isEqualTo(ApplyResult.Action.CREATED);
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_lower_reference_idx'"))
                .isEqualTo(1);
        assertThat(IndexManager.create(db.dataSource()).recommend(workload).recommendations())
                .as("the new index serves the lookup").isEmpty();
    }

    @DialectTest
    void alreadyIndexedQueriesGetNoRecommendation(TestDatabase db) {
        Workload workload = Workload.builder().add(Planted.ORDER_BY_ID, 5_000, Duration.ofSeconds(1))
                .add(Planted.ORDER_BY_REFERENCE, 5_000, Duration.ofSeconds(1)).build();

        Recommendations result = IndexManager.create(db.dataSource()).recommend(workload);

        assertThat(result.recommendations()).isEmpty();
        assertThat(result.unvalidated()).isEmpty();
    }

    @DialectTest
    void emptyWorkloadRecommendsNothing(TestDatabase db) {
        assertThat(IndexManager.create(db.dataSource()).recommend(Workload.empty()).recommendations()).isEmpty();
    }

    @DialectTest
    void staysWithinTheStorageBudget(TestDatabase db) {
        IndexManager manager = IndexManager.builder(db.dataSource())
                .options(IndexOptions.defaults().toBuilder().storageBudgetBytes(1).build()).build();

        assertThat(manager.recommend(Workload.of(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE)).recommendations())
                .isEmpty();
    }

    @DialectTest
    void writeHeavyTablesPayForTheIndex(TestDatabase db) {
        Workload readMostly = Workload.builder().add(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE, 100, Duration.ZERO)
                .add("INSERT INTO orders (customer_id, status, created_at, reference, total) VALUES (?, ?, ?, ?, ?)",
                        10, Duration.ZERO).build();
        Workload writeHeavy = Workload.builder().add(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE, 1, Duration.ZERO)
                .add("INSERT INTO orders (customer_id, status, created_at, reference, total) VALUES (?, ?, ?, ?, ?)",
                        10_000_000, Duration.ZERO).build();
        IndexManager manager = IndexManager.create(db.dataSource());

        assertThat(manager.recommend(readMostly).recommendations()).hasSize(1)
                .allSatisfy(r -> assertThat(r.writePenalty()).isPositive());
        assertThat(manager.recommend(writeHeavy).recommendations()).isEmpty();
    }

    static List<String> keys(IndexRecommendation r) {
        return r.index().columns();
    }
}
