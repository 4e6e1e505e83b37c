package io.dbopt.index.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbopt.index.IndexDefinition;
import io.dbopt.index.TableName;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The partitions of a whole schema read at once give the same creation statements as the catalog lookup per table:
 * for a plain table, a partitioned one (with a partition that is itself partitioned), and one without partitions.
 */
@DbTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IndexCreationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @DialectTest
    void schemaPartitionsGiveTheStatementsOfThePerTableLookup(TestDatabase db) throws Exception {
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        db.execute("CREATE TABLE plain (id bigint PRIMARY KEY, owner_id bigint)");
        if (pg) {
            db.execute("CREATE TABLE events (id bigint NOT NULL, owner_id bigint, created date NOT NULL, "
                            + "region int NOT NULL) PARTITION BY RANGE (created)",
                    "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                    "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') "
                            + "PARTITION BY LIST (region)",
                    "CREATE TABLE events_2026_eu PARTITION OF events_2026 FOR VALUES IN (1)",
                    "CREATE TABLE empty_parent (id bigint NOT NULL, owner_id bigint) PARTITION BY HASH (id)");
        }
        String schema = pg ? "public" : db.name();
        List<String> tables = pg ? List.of("plain", "events", "events_2026", "empty_parent") : List.of("plain");
        try (Connection c = db.connection()) {
            IndexCreation.SchemaPartitions partitions = IndexCreation.SchemaPartitions.read(c, db.dialect(), TIMEOUT,
                    schema);
            for (String table : tables) {
                IndexDefinition index = IndexDefinition.on(TableName.of(schema, table)).columns("owner_id")
                        .name(table + "_owner_idx").build();
                List<String> perTable = IndexCreation.statements(c, db.dialect(), TIMEOUT, index, names(db));
                assertThat(partitions.statements(index, names(db))).as(table).isEqualTo(perTable);
            }
            if (pg) {
                IndexDefinition events = IndexDefinition.on(TableName.of(schema, "events")).columns("owner_id")
                        .name("events_owner_idx").build();
                assertThat(partitions.statements(events, names(db))).hasSize(5)
                        .anyMatch(s -> s.contains("ON ONLY public.events"))
                        .anyMatch(s -> s.startsWith("CREATE INDEX CONCURRENTLY") && s.contains("public.events_2025"))
                        .anyMatch(s -> s.startsWith("CREATE INDEX ") && !s.contains("CONCURRENTLY")
                                && s.contains("public.events_2026 "));
            }
            IndexDefinition elsewhere = IndexDefinition.on(TableName.of("other_schema", "plain")).columns("owner_id")
                    .name("plain_owner_idx").build();
            assertThatThrownBy(() -> partitions.statements(elsewhere, names(db)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other_schema");
        }
    }

    private static IndexNames names(TestDatabase db) {
        return new IndexNames(db.dialect(), (table, name) -> false);
    }
}
