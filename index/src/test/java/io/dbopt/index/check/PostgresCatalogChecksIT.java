package io.dbopt.index.check;

import static io.dbopt.index.check.ReferenceQueries.reference;
import static io.dbopt.index.check.ReferenceQueries.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL's index.null-values, index.array-btree, index.table-shape and index.intersected read less of the catalog
 * than they did (per-column statistics lookups, array columns first, a table's columns once, first keys deparsed for
 * candidate pairs only) and return the rows of the queries as they were, kept under
 * {@code src/test/resources/io/dbopt/index/check/reference/postgresql}, on the same planted schema. The catalog work is
 * compared by the shared buffers each query reads ({@code EXPLAIN (ANALYZE, BUFFERS)}), which does not depend on the
 * machine's load.
 */
@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PostgresCatalogChecksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The columns of the planted table arr_a in their order. */
    private static final List<String> ARR_A_COLUMNS = List.of("id", "a_ints", "b_tags", "C Arr", "n");

    @DialectTest(TestDialect.POSTGRESQL)
    void returnsTheRowsTheQueriesReturnedBefore(TestDatabase db) throws Exception {
        plant(db);
        try (Connection c = db.connection()) {
            for (String name : List.of("null-values", "table-shape", "intersected")) {
                List<String> before = rows(c, reference(name));
                List<String> after = rows(c, SqlResource.load("index", db.dialect(), name));
                assertThat(before).as(name).hasSizeGreaterThan(3);
                assertThat(after).as(name).containsExactlyElementsOf(before);
            }
            // the old query left two array key columns of one index in the plan's order; now in the table's column
            // order
            List<String> before = rows(c, reference("array-btree"));
            List<String> after = rows(c, SqlResource.load("index", db.dialect(), "array-btree"));
            assertThat(before).hasSizeGreaterThan(3);
            assertThat(after).containsExactlyInAnyOrderElementsOf(before);
            assertThat(after).isSortedAccordingTo(Comparator.comparing(PostgresCatalogChecksIT::tableAndIndex)
                    .thenComparing(r -> ARR_A_COLUMNS.indexOf(r.replaceAll(".*column_name=([^|]*) \\|.*", "$1"))));
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void tableShapeReadsAWideTablesColumnsOnce(TestDatabase db) throws Exception {
        StringJoiner columns = new StringJoiner(", ");
        for (int i = 1; i <= 600; i++) {
            columns.add("c" + i + " int");
        }
        db.execute("CREATE TABLE wide (" + columns + ", id bigint PRIMARY KEY)");
        try (Connection c = db.connection()) {
            long before = sharedHits(c, reference("table-shape"));
            long after = sharedHits(c, SqlResource.load("index", db.dialect(), "table-shape"));
            // before: each of the 601 columns counted the columns ahead of it (about 10,800 buffers read)
            assertThat(after).as("buffers read, before %d", before).isLessThan(before / 10);
            assertThat(rows(c, SqlResource.load("index", db.dialect(), "table-shape")))
                    .containsExactlyElementsOf(rows(c, reference("table-shape")))
                    .anyMatch(r -> r.contains("problem=pk-not-first"));
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void arrayBtreeAndNullValuesReadTheCatalogOfTheirCandidatesOnly(TestDatabase db) throws Exception {
        List<String> ddl = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            String t = "t" + i;
            ddl.add("CREATE TABLE " + t + " (id bigint PRIMARY KEY, a int NOT NULL, b int NOT NULL, c int, d text, "
                    + "e text, f text, g text)");
            ddl.add("CREATE INDEX " + t + "_ab ON " + t + " (a, b)");
            ddl.add("CREATE INDEX " + t + "_c ON " + t + " (c)");
            ddl.add("INSERT INTO " + t + " SELECT g, g, g, CASE WHEN g % 2 = 0 THEN g END, 'd', 'e', 'f', 'g' "
                    + "FROM generate_series(1, 20) g");
        }
        ddl.add("CREATE TABLE arr (id bigint PRIMARY KEY, tags text[])");
        ddl.add("CREATE INDEX arr_tags ON arr (tags)");
        ddl.add("ANALYZE");
        db.execute(ddl.toArray(String[]::new));
        try (Connection c = db.connection()) {
            SoftAssertions softly = new SoftAssertions();
            for (String name : List.of("array-btree", "null-values")) {
                long before = sharedHits(c, reference(name));
                long after = sharedHits(c, SqlResource.load("index", db.dialect(), name));
                // before: every key column of every index looked up with its type; every statistics row of the
                // database checked for privileges and joined by name
                softly.assertThat(after).as("%s: buffers read, before %d", name, before).isLessThan(before * 2 / 3);
                softly.assertThat(rows(c, SqlResource.load("index", db.dialect(), name)))
                        .containsExactlyElementsOf(rows(c, reference(name))).isNotEmpty();
            }
            softly.assertAll();
        }
    }

    private static void plant(TestDatabase db) {
        db.execute(
                // null-values: analysed and never analysed tables, one- and two-column indexes, NOT NULL, unique
                // and partial indexes (not reported), a quoted column, an inheritance parent (pg_stats has a row
                // for the parent alone and one with its children)
                "CREATE TABLE nv_a (id bigint PRIMARY KEY, code text, status int, \"Mixed Col\" int, "
                        + "note text NOT NULL)",
                "CREATE INDEX nv_a_code ON nv_a (code)",
                "CREATE INDEX nv_a_status_code ON nv_a (status, code)",
                "CREATE INDEX nv_a_mixed ON nv_a (\"Mixed Col\")",
                "CREATE INDEX nv_a_note ON nv_a (note)",
                "CREATE UNIQUE INDEX nv_a_code_u ON nv_a (code)",
                "CREATE INDEX nv_a_part ON nv_a (status) WHERE status IS NOT NULL",
                "CREATE INDEX nv_a_hash ON nv_a USING hash (code)",
                "INSERT INTO nv_a SELECT g, CASE WHEN g % 3 = 0 THEN 'c' || g END, CASE WHEN g % 2 = 0 THEN g END, "
                        + "NULL, 'n' FROM generate_series(1, 300) g",
                "CREATE TABLE nv_fresh (id bigint PRIMARY KEY, code text)",
                "CREATE INDEX nv_fresh_code ON nv_fresh (code)",
                "CREATE TABLE nv_parent (id bigint, kind text)",
                "CREATE TABLE nv_child (extra int) INHERITS (nv_parent)",
                "CREATE INDEX nv_parent_kind ON nv_parent (kind)",
                "INSERT INTO nv_parent SELECT g, CASE WHEN g % 4 = 0 THEN 'k' END FROM generate_series(1, 100) g",
                "INSERT INTO nv_child SELECT g, NULL, g FROM generate_series(1, 100) g",
                // array-btree: B-tree on one and on two array columns, a GIN index (not reported), an expression
                "CREATE TABLE arr_a (id bigint PRIMARY KEY, a_ints int[], b_tags text[], \"C Arr\" varchar[], n int)",
                "CREATE INDEX arr_a_ints ON arr_a (a_ints)",
                "CREATE INDEX arr_a_two ON arr_a (b_tags, n, a_ints)",
                "CREATE INDEX arr_a_two_rev ON arr_a (\"C Arr\", b_tags)",
                "CREATE INDEX arr_a_gin ON arr_a USING gin (b_tags)",
                "CREATE INDEX arr_a_expr ON arr_a ((a_ints[1]))",
                "CREATE TABLE arr_p (id bigint, day date, tags text[]) PARTITION BY RANGE (day)",
                "CREATE TABLE arr_p_2026 PARTITION OF arr_p FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE INDEX arr_p_tags ON arr_p (tags)",
                // table-shape: one column, none, all nullable, key not first (with a dropped column before it), text
                // key, inheritance, a partitioned table
                "CREATE TABLE ts_one (id bigint PRIMARY KEY)",
                "CREATE TABLE ts_none ()",
                "CREATE TABLE ts_nullable (id bigint PRIMARY KEY, a int, b int)",
                "CREATE TABLE ts_late (gone int, x int NOT NULL, y int NOT NULL, id bigint PRIMARY KEY)",
                "ALTER TABLE ts_late DROP COLUMN gone",
                "CREATE TABLE ts_early (gone int, id bigint PRIMARY KEY, x int NOT NULL, y int NOT NULL)",
                "ALTER TABLE ts_early DROP COLUMN gone",
                "CREATE TABLE ts_text (code varchar(20) PRIMARY KEY, x int NOT NULL, y int NOT NULL)",
                "CREATE TABLE ts_two_key (x int NOT NULL, a int NOT NULL, b int NOT NULL, PRIMARY KEY (b, a))",
                "CREATE TABLE ts_part (id bigint, day date, v int) PARTITION BY RANGE (day)",
                // intersected: same first column with other columns, a unique prefix, expressions, a partial index,
                // another access method; duplicates and a plain redundant prefix (not reported here)
                "CREATE TABLE is_a (id bigint PRIMARY KEY, code text, status int, created_at timestamptz, n int)",
                "CREATE INDEX is_a_code_status ON is_a (code, status)",
                "CREATE INDEX is_a_code_created ON is_a (code, created_at)",
                "CREATE UNIQUE INDEX is_a_code_u ON is_a (code)",
                "CREATE INDEX is_a_code_hash ON is_a USING hash (code)",
                "CREATE INDEX is_a_lower_1 ON is_a (lower(code), status)",
                "CREATE INDEX is_a_lower_2 ON is_a (lower(code), n)",
                "CREATE INDEX is_a_upper ON is_a (upper(code))",
                "CREATE INDEX is_a_status ON is_a (status)",
                "CREATE INDEX is_a_status_n ON is_a (status, n)",
                "CREATE INDEX is_a_status_part ON is_a (status) WHERE n > 0",
                "CREATE INDEX is_a_n_1 ON is_a (n)",
                "CREATE INDEX is_a_n_2 ON is_a (n)",
                "CREATE INDEX is_a_id_code ON is_a (id, code)",
                "CREATE TABLE is_b (\"Weird Col\" int, other int)",
                "CREATE INDEX is_b_w_1 ON is_b (\"Weird Col\", other)",
                "CREATE INDEX is_b_w_2 ON is_b (\"Weird Col\") INCLUDE (other)",
                "CREATE INDEX is_b_other ON is_b (other)",
                "ANALYZE nv_a",
                "ANALYZE nv_parent",
                "ANALYZE arr_a");
    }

    /** The table and index of an array-btree row. */
    private static String tableAndIndex(String row) {
        return row.replaceAll(" \\| column_name=.*", "");
    }

    /**
     * The shared buffers the query read (hits and reads), from {@code EXPLAIN (ANALYZE, BUFFERS)}, after one run to
     * warm the session's caches.
     */
    private static long sharedHits(Connection c, String sql) throws Exception {
        rows(c, sql);
        String plan = Jdbc.query(c, Duration.ofSeconds(60), "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql,
                rs -> rs.getString(1), "public").get(0);
        JsonNode top = JSON.readTree(plan).get(0).get("Plan");
        return top.get("Shared Hit Blocks").asLong() + top.get("Shared Read Blocks").asLong();
    }
}
