package io.dbopt.index.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.index.IndexDefinition;
import io.dbopt.index.IndexKey;
import io.dbopt.index.IndexManager;
import io.dbopt.index.IndexRecommendation;
import io.dbopt.index.Recommendations;
import io.dbopt.index.TableName;
import io.dbopt.index.Workload;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@DbTest(TestDialect.POSTGRESQL)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CandidateSourceIT {

    static final String QUERY = "SELECT id FROM spi_docs WHERE payload ->> 'k' = 'v123'";

    /** Proposes an index on the path the workload compares; inert for any other workload. */
    public static final class PathSource implements CandidateSource {
        @Override
        public List<ExtraCandidate> candidates(CandidateRequest request) {
            List<ExtraCandidate> out = new ArrayList<>();
            for (int i = 0; i < request.statements().size(); i++) {
                if (request.statements().get(i).sql().contains("spi_docs")) {
                    out.add(new ExtraCandidate(IndexDefinition.on(TableName.of(request.schema(), "spi_docs"))
                            .name("spi_docs_payload_k_idx").columns(IndexKey.sql("(payload ->> 'k')")).build(),
                            List.of(i), "test"));
                }
            }
            return out;
        }
    }

    /** Fails whenever it sees the test's table: the run must go on without it. */
    public static final class FailingSource implements CandidateSource {
        @Override
        public List<ExtraCandidate> candidates(CandidateRequest request) {
            if (request.statements().stream().anyMatch(s -> s.sql().contains("spi_docs"))) {
                throw new IllegalStateException("planted failure");
            }
            return List.of();
        }
    }

    @DialectTest
    void sourceCandidatesAreCostedAndRecommendedLikeTheAdvisorsOwn(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS spi_docs",
                "CREATE TABLE spi_docs (id int PRIMARY KEY, payload jsonb NOT NULL)",
                "INSERT INTO spi_docs SELECT n, jsonb_build_object('k', 'v' || n, 'other', n % 7) "
                        + "FROM generate_series(1, 20000) n", "ANALYZE spi_docs");

        Recommendations r = IndexManager.create(db.dataSource()).recommend(Workload.builder()
                .add(QUERY, 1000, Duration.ofSeconds(30)).build());

        assertThat(r.recommendations()).extracting(IndexRecommendation::createStatement)
                .contains("CREATE INDEX CONCURRENTLY spi_docs_payload_k_idx ON public.spi_docs (((payload ->> 'k')))");
        IndexRecommendation rec = r.recommendations().stream()
                .filter(x -> x.index().name().equals("spi_docs_payload_k_idx")).findFirst().orElseThrow();
        assertThat(rec.statements()).singleElement().satisfies(s -> assertThat(s.costAfter())
                .isLessThan(s.costBefore() / 2));
    }
}
