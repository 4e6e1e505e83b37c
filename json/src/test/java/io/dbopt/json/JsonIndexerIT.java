package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.finding.Finding;
import io.dbopt.index.Workload;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsonIndexerIT {

    private static final String CONTAINS = "SELECT id FROM docs WHERE attrs @> CAST(? AS jsonb)";
    private static final String VIP = "SELECT id FROM docs WHERE attrs ?? 'vip'";
    private static final String ACTIVE_PRICE = "SELECT d.id FROM docs d WHERE d.attrs->>'status' = 'active' "
            + "AND (d.attrs->>'price')::numeric > ?";
    private static final String META = "SELECT id FROM docs WHERE meta->>'region' = ?";
    private static final String FUNCTION =
            "SELECT id FROM docs WHERE jsonb_path_exists(attrs, '$.tags ? (@ == \"x\")')";
    private static final String HIDDEN = "SELECT id FROM docs WHERE attrs->>$1 = $2";

    @DialectTest(TestDialect.POSTGRESQL)
    void findsOperatorsPathsAndTheIndexesThatServeThem(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS docs",
                "CREATE TABLE docs (id int PRIMARY KEY, attrs jsonb NOT NULL, meta json NOT NULL)",
                "INSERT INTO docs SELECT n, jsonb_build_object('status', "
                        + "(ARRAY['active','archived','draft'])[1 + n % 3], 'price', n % 1000, 'tags', jsonb_build_array('t' || n % 9)) || CASE WHEN n % 50 = 0 "
                        + "THEN '{\"vip\": true}'::jsonb ELSE '{}' END, json_build_object('region', 'r' || n % 20) "
                        + "FROM generate_series(1, 20000) n", "ANALYZE docs");
        Workload workload = Workload.builder().add(CONTAINS, 500, Duration.ofSeconds(9))
                .add(VIP, 100, Duration.ofSeconds(2)).add(ACTIVE_PRICE, 300, Duration.ofSeconds(6))
                .add(META, 50, Duration.ofSeconds(1)).add(FUNCTION, 10, Duration.ofSeconds(1))
                .add(HIDDEN, 10, Duration.ofSeconds(1)).build();
        JsonIndexer indexer = JsonIndexer.create(DbOptConfig.empty(), db.dataSource());

        JsonUsage usage = indexer.analyze(workload);

        assertThat(usage.statementsWithJson()).isEqualTo(6);
        assertThat(usage.hiddenPaths()).isEqualTo(1);
        JsonColumnUsage attrs = usage.columns().get(0);
        assertThat(attrs.column()).isEqualTo("attrs");
        assertThat(attrs.operators()).containsEntry(JsonOperator.CONTAINS, 500L)
                .containsEntry(JsonOperator.KEY_EXISTS, 100L).containsEntry(JsonOperator.EXTRACT_TEXT, 310L);
        assertThat(attrs.paths()).extracting(p -> p.path().toString(), PathUsage::cast, PathUsage::calls)
                .contains(tuple("status", "", 300L), tuple("price", "numeric", 300L));
        PathUsage status = attrs.paths().stream().filter(p -> p.path().equals(JsonPath.of("status"))).findFirst()
                .orElseThrow();
        assertThat(status.distinctValues()).hasValue(3);
        assertThat(status.presentShare().getAsDouble()).isEqualTo(1.0);

        List<JsonIndexCandidate> candidates = indexer.candidates(workload);
        assertThat(candidates).extracting(JsonIndexCandidate::kind, JsonIndexCandidate::key)
                .containsExactly(
                        tuple(JsonIndexCandidate.Kind.GIN, "attrs"),
                        tuple(JsonIndexCandidate.Kind.EXPRESSION, "((attrs ->> 'status'))"),
                        tuple(JsonIndexCandidate.Kind.EXPRESSION, "(((attrs ->> 'price')::numeric))"),
                        tuple(JsonIndexCandidate.Kind.PARTIAL, "(((attrs ->> 'price')::numeric))"),
                        tuple(JsonIndexCandidate.Kind.EXPRESSION, "((meta ->> 'region'))"));
        assertThat(candidates.get(0).servedStatements()).containsExactly(0, 1);
        assertThat(candidates.get(3).predicate()).isEqualTo("(attrs ->> 'status') = 'active'");

        List<Finding> findings = indexer.findings(workload);
        assertThat(findings).extracting(f -> f.check().value()).contains("json.unserved-predicate",
                "json.function-form", "json.use-jsonb", "json.hidden-path");
        assertThat(findings.stream().filter(f -> f.check().value().equals("json.function-form")).findFirst()
                .orElseThrow().fix().description()).contains("where (attrs @?? ?)");

        for (JsonIndexCandidate c : candidates) {
            db.execute(c.ddl().toArray(String[]::new));
        }
        db.execute("ANALYZE docs");
        assertThat(indexer.candidates(workload)).isEmpty();
        assertThat(indexer.findings(workload)).extracting(f -> f.check().value())
                .doesNotContain("json.unserved-predicate");
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void jsonCandidatesAreValidatedAndRankedInTheIndexModulesOneList(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS docs",
                "CREATE TABLE docs (id int PRIMARY KEY, attrs jsonb NOT NULL, meta json NOT NULL)",
                "INSERT INTO docs SELECT n, jsonb_build_object('sku', 'SKU-' || n, 'team', 'team-' || n % 40, "
                        + "'price', n % 1000), '{}' FROM generate_series(1, 30000) n", "ANALYZE docs");
        Workload workload = Workload.builder()
                .add("SELECT id FROM docs WHERE attrs->>'sku' = ?", 2000, Duration.ofSeconds(60))
                .add("SELECT id FROM docs WHERE attrs @> CAST(? AS jsonb)", 800, Duration.ofSeconds(30))
                .add("SELECT id FROM docs WHERE id = ?", 5000, Duration.ofSeconds(1)).build();

        io.dbopt.index.Recommendations r = JsonIndexer.create(DbOptConfig.empty(), db.dataSource())
                .recommend(workload);

        // the expression index comes from dbopt-json; GIN for containment the index advisor proposes itself
        assertThat(r.recommendations()).extracting(io.dbopt.index.IndexRecommendation::createStatement)
                .contains("CREATE INDEX CONCURRENTLY docs_attrs_sku_idx ON public.docs (((attrs ->> 'sku')))")
                .anySatisfy(x -> assertThat(x).endsWith("ON public.docs USING gin (attrs jsonb_path_ops)"));
        assertThat(r.recommendations()).allSatisfy(x -> assertThat(x.statements()).isNotEmpty());
    }

    @DialectTest(TestDialect.MARIADB)
    void proposesAnInvisibleGeneratedColumnAndThenTheRewrite(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS docs",
                "CREATE TABLE docs (id int PRIMARY KEY, attrs JSON NOT NULL)",
                "INSERT INTO docs SELECT seq, JSON_OBJECT('status', ELT(1 + seq % 3, 'active', 'archived', 'draft'), "
                        + "'price', seq % 1000) FROM seq_1_to_20000", "ANALYZE TABLE docs");
        String byStatus = "SELECT id FROM docs WHERE JSON_VALUE(attrs, '$.status') = ?";
        String byPrice = "SELECT id FROM docs WHERE CAST(JSON_VALUE(attrs, '$.price') AS DECIMAL(10,2)) > ?";
        Workload workload = Workload.builder().add(byStatus, 400, Duration.ofSeconds(8))
                .add(byPrice, 40, Duration.ofSeconds(1)).build();
        JsonIndexer indexer = JsonIndexer.create(DbOptConfig.empty(), db.dataSource());

        List<JsonIndexCandidate> candidates = indexer.candidates(workload);

        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(JsonIndexCandidate.Kind.GENERATED_COLUMN);
            assertThat(c.ddl()).containsExactly("ALTER TABLE docs ADD COLUMN attrs_status LONGTEXT COLLATE "
                            + "utf8mb4_bin AS (JSON_VALUE(attrs, '$.status')) VIRTUAL INVISIBLE, ALGORITHM=INSTANT",
                    "ALTER TABLE docs ADD INDEX docs_attrs_status_idx (attrs_status(191)), ALGORITHM=INPLACE, "
                            + "LOCK=NONE");
            assertThat(c.distinctValues()).hasValue(3);
        });
        db.execute(candidates.get(0).ddl().toArray(String[]::new));
        assertThat(db.queryLong("SELECT count(*) FROM docs WHERE attrs_status = 'draft'")).isEqualTo(6667);
        assertThat(indexer.candidates(workload)).isEmpty();
        assertThat(indexer.findings(workload)).extracting(f -> f.check().value())
                .containsExactly("json.generated-column-unused");
    }
}
