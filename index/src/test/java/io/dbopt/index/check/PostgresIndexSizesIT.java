package io.dbopt.index.check;

import static io.dbopt.index.check.ReferenceQueries.reference;
import static io.dbopt.index.check.ReferenceQueries.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.index.IndexOptions;
import io.dbopt.index.ddl.IndexNames;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL's index.duplicate and index.redundant read the size of the indexes they report only, not of every index
 * of the schema (reading a size opens the index: a third of each query at 1,000 tables, and a wait on any index
 * another session has locked). Their rows are those of the queries as they were, kept under
 * {@code src/test/resources/io/dbopt/index/check/reference/postgresql}, on the same planted schema.
 */
@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PostgresIndexSizesIT {

    @DialectTest(TestDialect.POSTGRESQL)
    void returnsTheRowsTheQueriesReturnedBefore(TestDatabase db) throws Exception {
        plant(db);
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("SELECT count(*) FROM dup_a WHERE code = 'x'"); // a scan counted, so scans differ by index
            for (String name : List.of("duplicate", "redundant")) {
                List<String> before = rows(c, reference(name));
                List<String> after = rows(c, SqlResource.load("index", db.dialect(), name));
                assertThat(before).as(name).hasSizeGreaterThan(4);
                assertThat(after).as(name).containsExactlyElementsOf(before);
            }
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void doNotWaitForALockOnAnIndexTheyDoNotReport(TestDatabase db) throws Exception {
        plant(db);
        try (Connection locker = db.connection(); Connection c = db.connection()) {
            locker.setAutoCommit(false);
            try (Statement st = locker.createStatement()) {
                // a migration dropping an index in an open transaction holds an ACCESS EXCLUSIVE lock on it and its
                // table (reading either index's definition waits then too: neither is reported)
                st.execute("DROP INDEX plain_idx");
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET lock_timeout = '2s'");
            }
            CheckContext ctx = context(db, c);
            // before: both failed after 2 s with "canceling statement due to lock timeout" (55P03), sizing plain_idx
            List<Finding> duplicates = new DuplicateIndexCheck().run(ctx);
            List<Finding> redundant = new RedundantIndexCheck().run(ctx);
            assertThat(duplicates).isNotEmpty();
            assertThat(redundant).isNotEmpty();
            assertThat(duplicates).allMatch(f -> f.evidenceValue("index_bytes").isPresent());
            locker.rollback();
        }
    }

    private static void plant(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS dup_p, dup_b, plain, dup_a CASCADE",
                "CREATE TABLE dup_a (id bigint PRIMARY KEY, code text, status int, created_at timestamptz, "
                        + "\"Mixed Col\" int, note text)",
                "CREATE INDEX dup_a_code_1 ON dup_a (code)",
                "CREATE INDEX dup_a_code_2 ON dup_a (code)",
                "CREATE UNIQUE INDEX dup_a_code_u ON dup_a (code)",
                "CREATE INDEX dup_a_lower_1 ON dup_a (lower(code))",
                "CREATE INDEX dup_a_lower_2 ON dup_a (lower(code))",
                "CREATE INDEX dup_a_part_1 ON dup_a (status) WHERE status > 0",
                "CREATE INDEX dup_a_part_2 ON dup_a (status) WHERE status > 0",
                "CREATE INDEX dup_a_part_3 ON dup_a (status) WHERE status > 1",
                "CREATE INDEX dup_a_id ON dup_a (id)",
                "CREATE INDEX red_a_status ON dup_a (status)",
                "CREATE INDEX red_a_status_created ON dup_a (status, created_at)",
                "CREATE INDEX red_a_status_desc ON dup_a (status DESC, created_at)",
                "CREATE INDEX red_a_mixed ON dup_a (\"Mixed Col\")",
                "CREATE INDEX red_a_mixed_inc ON dup_a (\"Mixed Col\", status) INCLUDE (note)",
                "CREATE INDEX red_a_mixed_inc2 ON dup_a (\"Mixed Col\") INCLUDE (note)",
                "CREATE INDEX dup_a_hash_1 ON dup_a USING hash (code)",
                "CREATE INDEX dup_a_hash_2 ON dup_a USING hash (code)",
                "INSERT INTO dup_a SELECT g, 'c' || g, g % 3, now(), g % 7, 'n' FROM generate_series(1, 2000) g",
                "CREATE TABLE dup_b (id bigint, a_id bigint REFERENCES dup_a, kind text, CONSTRAINT dup_b_uq "
                        + "UNIQUE (a_id, kind))",
                "CREATE UNIQUE INDEX dup_b_uq_twin ON dup_b (a_id, kind)",
                "CREATE INDEX dup_b_a ON dup_b (a_id)",
                "CREATE TABLE plain (id bigint PRIMARY KEY, kind text)",
                "CREATE INDEX plain_idx ON plain (kind)",
                "CREATE TABLE dup_p (id bigint, day date, code text) PARTITION BY RANGE (day)",
                "CREATE TABLE dup_p_2026 PARTITION OF dup_p FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE INDEX dup_p_code_1 ON dup_p (code)",
                "CREATE INDEX dup_p_code_2 ON dup_p (code)",
                "CREATE INDEX dup_p_code_day ON dup_p (code, day)",
                "INSERT INTO dup_p SELECT g, DATE '2026-01-01' + g % 300, 'c' || g FROM generate_series(1, 500) g",
                "ANALYZE");
    }

    private static CheckContext context(TestDatabase db, Connection c) throws Exception {
        String schema = Jdbc.query(c, Duration.ofSeconds(10), "SELECT current_schema()", rs -> rs.getString(1))
                .get(0);
        return new CheckContext(c, db.dialect(), schema, IndexOptions.defaults(),
                new IndexNames(db.dialect(), (t, n) -> false));
    }
}
