package io.dbopt.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsonPathOptimizerIT {

    @DialectTest(TestDialect.POSTGRESQL)
    void textEqualityGainsAnImpliedContainmentThatTheGinIndexServes(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS docs",
                "CREATE TABLE docs (id int PRIMARY KEY, attrs jsonb NOT NULL)",
                "INSERT INTO docs SELECT n, jsonb_build_object('status', "
                        + "(ARRAY['active','archived','draft'])[1 + n % 3], 'n', n, 'owner', jsonb_build_object('team', 'team-' || (n % 40))) "
                        + "FROM generate_series(1, 20000) n",
                "INSERT INTO docs VALUES (20001, '{\"status\": [\"active\"]}'), (20002, '{\"status\": 5}'), "
                        + "(20003, '{\"other\": \"active\"}')",
                "CREATE INDEX docs_attrs_gin ON docs USING gin (attrs jsonb_path_ops)", "ANALYZE docs");
        JsonPathOptimizer optimizer = JsonPathOptimizer.create(db.dataSource());
        String sql = "SELECT id FROM docs WHERE attrs->>'status' = 'draft' AND attrs -> 'owner' ->> 'team' = 'team-7'";

        JsonRewriteResult r = optimizer.rewrite(sql);

        assertThat(r.applied()).extracting(JsonRewrite::rule).containsExactly(JsonRewriteRule.CONTAINMENT,
                JsonRewriteRule.CONTAINMENT);
        assertThat(r.sql()).isEqualTo("SELECT id FROM docs WHERE attrs @> '{\"status\":\"draft\"}' AND "
                + "attrs @> '{\"owner\":{\"team\":\"team-7\"}}'");
        assertThat(plan(db, sql)).doesNotContain("docs_attrs_gin");
        assertThat(plan(db, r.sql())).contains("docs_attrs_gin");
        assertThat(optimizer.verify(sql, r.sql(), List.of()).identical()).isTrue();

        // the rows {"status": ["active"]}, {"status": 5} and {"other": "active"} match neither form
        String active = "SELECT id FROM docs WHERE attrs->>'status' = 'active' OR attrs->>'status' = '5'";
        JsonRewriteResult r2 = optimizer.rewrite(active);
        assertThat(r2.sql()).isEqualTo("SELECT id FROM docs WHERE attrs @> '{\"status\":\"active\"}' "
                + "OR attrs->>'status' = '5'");
        RewriteVerification same = optimizer.verify(active, r2.sql(), List.of());
        assertThat(same.identical()).isTrue();
        assertThat(same.originalRows()).isEqualTo(6666 + 1);
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void functionFormsBecomeOperatorsAndNumbersAreLeftAlone(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS docs",
                "CREATE TABLE docs (id int PRIMARY KEY, attrs jsonb NOT NULL)",
                "INSERT INTO docs SELECT n, jsonb_build_object('tags', jsonb_build_array('t' || (n % 50)), 'n', n) "
                        + "|| CASE WHEN n % 7 = 0 THEN '{\"gift\": true}'::jsonb ELSE '{}' END "
                        + "FROM generate_series(1, 5000) n");
        JsonPathOptimizer optimizer = JsonPathOptimizer.create(db.dataSource());
        String paths = "SELECT id FROM docs WHERE jsonb_path_exists(attrs, '$.tags[*] ? (@ == \"t7\")') "
                + "AND jsonb_exists(attrs, ?) AND id > ?";

        JsonRewriteResult r = optimizer.rewrite(paths);

        assertThat(r.sql()).isEqualTo("SELECT id FROM docs WHERE (attrs @?? '$.tags[*] ? (@ == \"t7\")') "
                + "AND (attrs ?? ?) AND id > ?");
        assertThat(optimizer.verify(paths, r.sql(), List.of("gift", 10)).identical()).isTrue();
        assertThat(optimizer.rewrite("SELECT id FROM docs WHERE attrs->>'n' = '42'").changed()).isFalse();
        assertThat(optimizer.rewrite("SELECT id FROM docs WHERE jsonb_path_exists(attrs, 'strict $.n')").changed())
                .isFalse();
    }

    @DialectTest(TestDialect.MARIADB)
    void jsonValueBecomesTheIndexedGeneratedColumn(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS docs",
                "CREATE TABLE docs (id int PRIMARY KEY, attrs JSON NOT NULL)",
                "INSERT INTO docs SELECT seq, JSON_OBJECT('status', ELT(1 + seq % 3, 'active', 'archived', 'Draft'),"
                        + " 'n', seq) FROM seq_1_to_20000",
                "ALTER TABLE docs ADD COLUMN attrs_status LONGTEXT COLLATE utf8mb4_bin AS "
                        + "(JSON_VALUE(attrs, '$.status')) VIRTUAL",
                "ALTER TABLE docs ADD INDEX docs_attrs_status_idx (attrs_status(191)), ALGORITHM=INPLACE, LOCK=NONE",
                "ANALYZE TABLE docs");
        JsonPathOptimizer optimizer = JsonPathOptimizer.create(db.dataSource());
        String sql = "SELECT d.id FROM docs d WHERE JSON_VALUE(d.attrs, '$.status') = 'Draft' AND d.id > ?";

        JsonRewriteResult r = optimizer.rewrite(sql);

        assertThat(r.applied()).singleElement().satisfies(x -> assertThat(x.rule())
                .isEqualTo(JsonRewriteRule.GENERATED_COLUMN));
        assertThat(r.sql()).isEqualTo("SELECT d.id FROM docs d WHERE d.attrs_status = 'Draft' AND d.id > ?");
        assertThat(plan(db, sql.replace("?", "0"))).doesNotContain("docs_attrs_status_idx");
        assertThat(plan(db, r.sql().replace("?", "0"))).contains("docs_attrs_status_idx");
        assertThat(optimizer.verify(sql, r.sql(), List.of(0)).identical()).isTrue();
    }

    private static String plan(TestDatabase db, String sql) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            if (db.testDialect() == TestDialect.POSTGRESQL) {
                s.execute("SET enable_seqscan = off");
            }
            try (ResultSet rs = s.executeQuery((db.testDialect() == TestDialect.POSTGRESQL ? "EXPLAIN " : "EXPLAIN ")
                    + sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        sb.append(rs.getString(i)).append(' ');
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }
}
