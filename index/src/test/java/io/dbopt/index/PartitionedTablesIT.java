package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fixes for partitioned tables run: an index for a partitioned table is built ON ONLY the parent, concurrently on
 * each partition and attached; an unused partitioned index is dropped as a whole, not partition by partition.
 */
@DbTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PartitionedTablesIT {

    @DialectTest(TestDialect.POSTGRESQL)
    void fixesForPartitionedTablesRunAndLeaveNothingToFix(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE events (id bigint NOT NULL, account_id bigint NOT NULL REFERENCES accounts (id), "
                        + "created date NOT NULL, kind int NOT NULL, PRIMARY KEY (id, created)) "
                        + "PARTITION BY RANGE (created)",
                "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE INDEX events_kind_idx ON events (kind)",
                "INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 200) g",
                "INSERT INTO events SELECT g, 1 + g % 200, DATE '2025-06-01' + (g % 400), g % 7 "
                        + "FROM generate_series(1, 20000) g",
                "ANALYZE");
        // what the issue saw: PostgreSQL refuses a concurrent build on the parent
        assertThatThrownBy(() -> db.execute("CREATE INDEX CONCURRENTLY events_probe_idx ON events (account_id)"))
                .hasMessageContaining("partitioned");
        IndexManager manager = IndexManager.builder(db.dataSource()).options(IndexOptions.builder()
                .unusedMinBytes(0).build()).workload(Workload.builder()
                .add("SELECT id, created FROM events WHERE account_id = $1", 5_000, Duration.ofSeconds(20))
                .build()).build();

        List<Finding> before = manager.analyze().actions();

        Finding index = before.stream().filter(f -> f.object().name().equals("public.events")
                && f.check().value().equals("index.recommended")).findFirst().orElseThrow();
        assertThat(index.fix().statements().get(0)).contains("ON ONLY public.events");
        assertThat(index.fix().statements()).anyMatch(s -> s.startsWith("CREATE INDEX CONCURRENTLY")
                && s.contains("ON public.events_2025")).anyMatch(s -> s.contains("ATTACH PARTITION"));
        assertThat(before).noneMatch(f -> f.check().value().equals("index.fk-without-index")); // merged into it
        assertThat(SchemaChecksIT.objects(before, "index.unused")).containsExactly("public.events_kind_idx");
        assertThat(before.stream().filter(f -> f.check().value().equals("index.unused")).findFirst().orElseThrow()
                .fix().statements()).containsExactly("DROP INDEX IF EXISTS public.events_kind_idx");

        SchemaChecksIT.applyEveryFix(db, before);
        List<Finding> after = manager.analyze().actions();

        assertThat(after).noneMatch(f -> !f.fix().statements().isEmpty());
        assertThat(db.queryLong("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "WHERE NOT x.indisvalid")).isZero();
    }
}
