package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.finding.Finding;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Leading-wildcard LIKE and (MariaDB) functional predicates get advice that runs: before, the plan reads the whole
 * table; after the fix (and the query change it states), an index serves the statement.
 */
@DbTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PatternAdviceIT {

    @BeforeEach
    void plant(TestDatabase db) {
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        db.execute("DROP TABLE IF EXISTS customers", "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(120) "
                + "NOT NULL, note VARCHAR(200) NOT NULL)" + (pg ? "" : " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"));
        db.execute(pg ? "INSERT INTO customers SELECT g, 'User' || g || '@example.com', 'note ' || md5(g::text) "
                + "FROM generate_series(1, 20000) g"
                : "INSERT INTO customers SELECT seq, CONCAT('User', seq, '@example.com'), CONCAT('note ', MD5(seq)) "
                + "FROM seq_1_to_20000", pg ? "ANALYZE customers" : "ANALYZE TABLE customers");
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void leadingWildcardLikeGetsATrigramIndexAndTheQueryStaysAsItIs(TestDatabase db) throws Exception {
        String query = "SELECT id FROM customers WHERE note LIKE '%abcdef%'";
        assertThat(plan(db, query)).contains("Seq Scan");

        Finding advice = analyze(db, query, "index.leading-wildcard");

        assertThat(advice.fix().statements()).last().asString().contains("USING gin (note gin_trgm_ops)");
        assertThat(advice.fix().description()).contains("the query stays as it is");
        SchemaChecksIT.applyEveryFix(db, List.of(advice));
        db.execute("ANALYZE customers");
        assertThat(plan(db, query)).contains("Bitmap Index Scan").contains("trgm");
    }

    @DialectTest(TestDialect.MARIADB)
    void leadingWildcardLikeGetsAFullTextIndexAndTheQueryChange(TestDatabase db) throws Exception {
        Finding advice = analyze(db, "SELECT id FROM customers WHERE note LIKE '%abcdef%'", "index.leading-wildcard");

        assertThat(advice.fix().description()).contains("MATCH(note) AGAINST");
        SchemaChecksIT.applyEveryFix(db, List.of(advice));
        assertThat(plan(db, "SELECT id FROM customers WHERE MATCH(note) AGAINST ('abcdef*' IN BOOLEAN MODE)"))
                .contains("fulltext");
    }

    @DialectTest(TestDialect.MARIADB)
    void functionalPredicateGetsAnIndexedVirtualColumnAndTheQueryChange(TestDatabase db) throws Exception {
        String query = "SELECT id FROM customers WHERE LOWER(email) = 'user77@example.com'";
        assertThat(plan(db, query)).contains("ALL");

        Finding advice = analyze(db, query, "index.functional-predicate");

        assertThat(advice.fix().statements()).first().asString().contains("AS (LOWER(email)) VIRTUAL");
        SchemaChecksIT.applyEveryFix(db, List.of(advice));
        db.execute("ANALYZE TABLE customers");
        assertThat(plan(db, "SELECT id FROM customers WHERE email_lower = 'user77@example.com'"))
                .contains("ref").contains("email_lower");
    }

    private static Finding analyze(TestDatabase db, String sql, String check) {
        List<Finding> findings = IndexManager.builder(db.dataSource()).workload(Workload.builder()
                .add(sql, 2_000, Duration.ofSeconds(30)).build()).build().analyze().actions();
        return findings.stream().filter(f -> f.check().value().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + check + " in " + findings));
    }

    private static String plan(TestDatabase db, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    out.append(rs.getString(i)).append(' ');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
