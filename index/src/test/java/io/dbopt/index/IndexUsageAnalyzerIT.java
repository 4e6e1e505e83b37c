package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.SchemaPopulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

@DbTest
class IndexUsageAnalyzerIT {

    private static final IndexOptions NO_SIZE_LIMIT = IndexOptions.defaults().toBuilder().unusedMinBytes(0).build();

    @AfterEach
    void dropTables(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS accounts", "DROP TABLE IF EXISTS clients");
    }

    @DialectTest
    void findsEveryPlantedProblem(TestDatabase db) {
        SchemaPopulator.on(db).withReferences().withDuplicatedIndex().withRedundantIndex().withUnusedIndex()
                .withBooleanIndex().withData(500).populate();

        IndexReport report = manager(db).analyze();

        assertThat(objects(report.findings("index.duplicate"))).singleElement().asString()
                .containsAnyOf("accounts_number_idx", "accounts_number_dup_idx");
        assertThat(objects(report.findings("index.redundant"))).singleElement().asString()
                .contains("accounts_client_id_idx");
        assertThat(objects(report.findings("index.unused"))).anyMatch(o -> o.contains("accounts_balance_idx"));
        assertThat(objects(report.findings("index.boolean"))).singleElement().asString()
                .contains("clients_active_idx");
        assertThat(report.findings("index.duplicate").get(0).fix().statements()).singleElement().asString()
                .startsWith(db.testDialect() == TestDialect.POSTGRESQL ? "DROP INDEX CONCURRENTLY IF EXISTS"
                        : "ALTER TABLE");
    }

    @DialectTest
    void reportsNothingOnACleanSchema(TestDatabase db) {
        SchemaPopulator.on(db).withForeignKeyIndex().withData(500).populate();

        IndexReport report = manager(db).analyze();

        // the populator's varchar(n) columns, nullable columns and the estimates' slack on small indexes are notes
        // below every floor (INFO), not problems
        assertThat(report.allFindings()).allMatch(f -> f.severity() == io.dbopt.core.finding.Severity.INFO
                && java.util.Set.of("index.discouraged-type", "index.table-shape", "index.bloated")
                .contains(f.check().value()));
    }

    @DialectTest
    void unusedIndexBelowTheSizeFloorIsReportedAtLowSeverityNotHidden(TestDatabase db) {
        SchemaPopulator.on(db).withUnusedIndex().withData(50).populate();

        IndexReport report = IndexManager.builder(db.dataSource()).workload(Workload.empty())
                .options(IndexOptions.defaults().toBuilder().unusedMinBytes(1L << 30).build()).build().analyze();

        assertThat(report.findings("index.unused")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(io.dbopt.core.finding.Severity.INFO);
            assertThat(f.evidenceValue("floor")).contains("below index.unused_min_bytes");
        });
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void findsBloatAndBtreesOnArrays(TestDatabase db) {
        SchemaPopulator.on(db).table("clients", t -> t.id("id").integer("v").intArray("tags"))
                .rows("clients", 100_000).index("clients_v_idx", "clients", "v")
                .index("clients_tags_idx", "clients", "tags").populate();
        db.execute("DELETE FROM clients WHERE id % 10 <> 0", "ANALYZE clients");
        IndexManager manager = IndexManager.builder(db.dataSource()).workload(Workload.empty())
                .options(IndexOptions.defaults().toBuilder().bloatMinBytes(0).build()).build();

        IndexReport report = manager.analyze();

        assertThat(objects(report.findings("index.bloated"))).contains("public.clients_pkey");
        assertThat(report.findings("index.bloated").get(0).fix().statements()).singleElement().asString()
                .startsWith("REINDEX INDEX CONCURRENTLY");
        assertThat(objects(report.findings("index.array-btree"))).containsExactly("public.clients_tags_idx");
        assertThat(report.findings("index.array-btree").get(0).fix().statements().get(0))
                .isEqualTo("CREATE INDEX CONCURRENTLY clients_tags_gin ON public.clients USING gin (tags)");
    }

    private static IndexManager manager(TestDatabase db) {
        return IndexManager.builder(db.dataSource()).options(NO_SIZE_LIMIT).workload(Workload.empty()).build();
    }

    static List<String> objects(List<Finding> findings) {
        return findings.stream().map(f -> f.object().name()).toList();
    }
}
