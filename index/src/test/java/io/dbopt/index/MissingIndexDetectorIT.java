package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.SchemaPopulator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;

@DbTest
class MissingIndexDetectorIT {

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS orders", "DROP TABLE IF EXISTS accounts", "DROP TABLE IF EXISTS clients");
    }

    @DialectTest
    void reportsForeignKeysWithoutIndexOnPostgresAndNotOnInnoDb(TestDatabase db) {
        SchemaPopulator.on(db).withReferences().withData(200).populate();

        List<Finding> findings = IndexManager.create(db.dataSource()).missingIndexDetector().detect();

        if (db.testDialect() == TestDialect.POSTGRESQL) {
            assertThat(findings).filteredOn(f -> f.check().value().equals("index.fk-without-index")).singleElement()
                    .satisfies(f -> assertThat(f.fix().statements()).containsExactly(
                            "CREATE INDEX CONCURRENTLY accounts_client_id_idx ON public.accounts (client_id)"));
        } else {
            assertThat(findings).noneMatch(f -> f.check().value().equals("index.fk-without-index"));
        }
    }

    @DialectTest
    void reportsTablesReadWholeOverAndOver(TestDatabase db) throws Exception {
        Planted.orders(db, 20_000);
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            for (int i = 0; i < 25; i++) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM orders WHERE total > " + i)) {
                    rs.next();
                }
            }
        }
        IndexManager manager = IndexManager.builder(db.dataSource()).options(IndexOptions.defaults().toBuilder()
                .seqScanMinCount(20).seqScanMinRows(10_000).build()).build();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(manager.missingIndexDetector().detect())
                        .filteredOn(f -> f.check().value().equals("index.seq-scan-heavy"))
                        .extracting(f -> f.object().name()).anyMatch(n -> n.endsWith("orders")));
    }

    @DialectTest
    void reportsWorkloadFiltersNoIndexServes(TestDatabase db) {
        Planted.orders(db, 5_000);
        Workload workload = Workload.of(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE, Planted.ORDER_BY_REFERENCE);

        List<Finding> findings = IndexManager.create(db.dataSource()).missingIndexDetector().detect(workload);

        assertThat(findings).filteredOn(f -> f.check().value().equals("index.unserved-predicate")).singleElement()
                .satisfies(f -> assertThat(f.evidenceValue("columns")).contains("status, customer_id, created_at"));
    }
}
