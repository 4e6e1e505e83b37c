package io.dbopt.json.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.index.Workload;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.WatchedDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JsonDoctorSectionIT {

    @DialectTest
    void reportsLargeDocumentsFullCopyHistoriesAndUnservedJsonPredicates(TestDatabase db) {
        boolean pg = db.dialect() instanceof PostgresDialect;
        plant(db, pg);
        String query = pg ? "SELECT id FROM pages WHERE props @> CAST(? AS jsonb)"
                : "SELECT id FROM pages WHERE JSON_VALUE(props, '$.team') = ?";
        DoctorContext context = new DoctorContext(db.dataSource(), DatabaseInfo.detect(db.dataSource()),
                Duration.ofSeconds(30), Map.of(Workload.class, Workload.builder().add(query, 300,
                Duration.ofSeconds(4)).build()));

        ReportSection section = new JsonDoctorSection().run(context);

        assertThat(section.title()).isEqualTo("Documents and JSON");
        Finding large = section.findings().stream().filter(f -> f.check().value().equals("json.large-value-column")
                && f.object().name().startsWith("pages.")).findFirst().orElseThrow();
        assertThat(large.object().name()).contains("body");
        assertThat((Long) large.evidenceValue("average_value_bytes").orElseThrow()).isGreaterThan(4000);
        assertThat(large.fix().isPresent()).isTrue();
        Finding history = finding(section, "json.full-copy-history");
        assertThat(history.severity()).isEqualTo(Severity.WARNING);
        assertThat(history.object().name()).contains("page_history");
        assertThat((Double) history.evidenceValue("similarity").orElseThrow()).isGreaterThan(0.9);
        assertThat(history.fix().description()).contains("FullCopyTable.of(\"page_history\", \"page_id\", "
                + "\"body\", \"changed_at\")");
        Finding unserved = finding(section, "json.unserved-predicate");
        if (pg) {
            assertThat(unserved.fix().description()).contains("USING gin (props jsonb_path_ops)");
        } else {
            assertThat(unserved.fix().statements().get(0)).contains("AS (JSON_VALUE(props, '$.team'))");
        }
    }

    /**
     * A history table whose content column is too short for a copy worth a finding (varchar(100): at most 200 Java
     * chars, the finding needs 500 on average) is counted but not sampled; one that can hold copies is sampled and
     * found. Before, every candidate was sampled (at 10,000 such tables, 200 queries and 20 s).
     */
    @DialectTest(TestDialect.MARIADB)
    void samplesOnlyHistoriesWhoseContentColumnCanHoldACopyWorthAFinding(TestDatabase db) {
        plant(db, false);
        db.execute("CREATE TABLE short_history (id bigint AUTO_INCREMENT PRIMARY KEY, page_id int NOT NULL, "
                        + "summary varchar(100) NOT NULL, changed_at DATETIME NOT NULL, "
                        + "FOREIGN KEY (page_id) REFERENCES pages (id))",
                "INSERT INTO short_history (page_id, summary, changed_at) SELECT p.id, CONCAT(REPEAT('summary ', 11), "
                        + "v.seq), NOW() - INTERVAL v.seq DAY FROM pages p CROSS JOIN seq_1_to_3 v",
                "ANALYZE TABLE short_history");
        List<String> prepared = new CopyOnWriteArrayList<>();
        DoctorContext context = new DoctorContext(WatchedDataSource.of(db.dataSource(), prepared::add),
                DatabaseInfo.detect(db.dataSource()), Duration.ofSeconds(30), Map.of(Workload.class,
                Workload.builder().build()));

        ReportSection section = new JsonDoctorSection().run(context);

        List<String> sampling = prepared.stream().filter(sql -> sql.contains(" AS branch")).toList();
        assertThat(sampling).isNotEmpty().allSatisfy(sql -> assertThat(sql).doesNotContain("short_history"));
        assertThat(String.join("\n", sampling)).contains("page_history");
        assertThat(section.facts()).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("history tables checked");
            assertThat(f.value()).isEqualTo("2");
        });
        assertThat(section.findings()).filteredOn(f -> f.check().value().equals("json.full-copy-history"))
                .extracting(f -> f.object().name()).containsExactly("page_history");
    }

    /**
     * PostgreSQL too: a history table whose content column is varchar(100) is counted but not sampled (its declared
     * length comes from the catalog: atttypmod), one of varchar(1000) and one of text are
     * sampled, and the findings are those sampling every candidate gives. Before, PostgreSQL's candidates carried no
     * length and every one was sampled (at 1,000 tables of the doctor-at-scale schema, 20 queries of 50 tables).
     */
    @DialectTest(TestDialect.POSTGRESQL)
    void samplesOnlyHistoriesWhoseVarcharContentCanHoldACopyWorthAFindingOnPostgres(TestDatabase db) {
        plant(db, true);
        db.execute("DROP TABLE IF EXISTS wide_history",
                "CREATE TABLE short_history (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, page_id int "
                        + "NOT NULL REFERENCES pages (id), summary varchar(100) NOT NULL, changed_at timestamp "
                        + "NOT NULL)",
                "INSERT INTO short_history (page_id, summary, changed_at) SELECT p.id, repeat('summary ', 11) || v, "
                        + "now() - v * interval '1 day' FROM pages p CROSS JOIN generate_series(1, 3) v",
                "CREATE TABLE wide_history (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, page_id int "
                        + "NOT NULL REFERENCES pages (id), summary varchar(1000) NOT NULL, changed_at timestamp "
                        + "NOT NULL)",
                "INSERT INTO wide_history (page_id, summary, changed_at) SELECT p.id, repeat('summary line' || chr(10), 50) || v, "
                        + "now() - v * interval '1 day' FROM pages p CROSS JOIN generate_series(1, 3) v",
                "ANALYZE short_history", "ANALYZE wide_history");
        List<String> prepared = new CopyOnWriteArrayList<>();
        DoctorContext context = new DoctorContext(WatchedDataSource.of(db.dataSource(), prepared::add),
                DatabaseInfo.detect(db.dataSource()), Duration.ofSeconds(30), Map.of(Workload.class,
                Workload.builder().build()));

        ReportSection section = new JsonDoctorSection().run(context);

        List<String> sampling = prepared.stream().filter(sql -> sql.contains(" AS branch")).toList();
        assertThat(sampling).isNotEmpty().allSatisfy(sql -> assertThat(sql).doesNotContain("short_history"));
        assertThat(String.join("\n", sampling)).contains("page_history", "wide_history");
        assertThat(section.facts()).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("history tables checked");
            assertThat(f.value()).isEqualTo("3");
        });
        assertThat(section.findings()).filteredOn(f -> f.check().value().equals("json.full-copy-history"))
                .extracting(f -> f.object().name()).containsExactlyInAnyOrder("page_history", "wide_history");
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void marksItsHistorySamplingAsDbOptsOwnStatementSoTheTopStatementsLeaveItOut(TestDatabase db) {
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        plant(db, true);
        DoctorContext context = new DoctorContext(db.dataSource(), DatabaseInfo.detect(db.dataSource()),
                Duration.ofSeconds(30), Map.of());

        new JsonDoctorSection().run(context);

        String sampling = "SELECT count(*) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                + "WHERE d.datname = current_database() AND s.query LIKE '%AS branch, ROW_NUMBER()%' AND s.query ";
        assertThat(db.queryLong(sampling + "LIKE '" + SqlResource.MARKER + "%'")).isPositive();
        assertThat(db.queryLong(sampling + "NOT LIKE '" + SqlResource.MARKER + "%'")).isZero();
    }

    private static Finding finding(ReportSection section, String check) {
        List<Finding> found = section.findings().stream().filter(f -> f.check().value().equals(check)).toList();
        assertThat(found).as(check + " in " + section.findings()).isNotEmpty();
        return found.get(0);
    }

    private static void plant(TestDatabase db, boolean pg) {
        db.execute("DROP TABLE IF EXISTS short_history", "DROP TABLE IF EXISTS wide_history",
                "DROP TABLE IF EXISTS page_history",
                "DROP TABLE IF EXISTS pages");
        if (pg) {
            db.execute("CREATE TABLE pages (id int PRIMARY KEY, body text NOT NULL, props jsonb NOT NULL, "
                            + "meta json NOT NULL)",
                    "INSERT INTO pages SELECT n, '<html><body><h1>Page ' || n || '</h1>' || (SELECT string_agg("
                            + "'<p>' || md5((n * 100 + k)::text) || ' step ' || k || ' of the procedure: check the "
                            + "service, restart it, verify the dashboards.</p>', '') FROM generate_series(1, 50) k) "
                            + "|| '</body></html>', jsonb_build_object('team', 'team-' || n % 12), '{}' "
                            + "FROM generate_series(1, 800) n",
                    "CREATE TABLE page_history (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, page_id int "
                            + "NOT NULL REFERENCES pages (id), changed_by int NOT NULL, body text NOT NULL, changed_at "
                            + "timestamptz NOT NULL)",
                    "INSERT INTO page_history (page_id, changed_by, body, changed_at) SELECT p.id, v, p.body || "
                            + "'<!-- revision ' || v || ' -->', now() - v * interval '3 days' FROM pages p "
                            + "CROSS JOIN generate_series(1, 3) v",
                    "ANALYZE pages", "ANALYZE page_history");
        } else {
            db.execute("CREATE TABLE pages (id int PRIMARY KEY, body LONGTEXT NOT NULL, props JSON NOT NULL)",
                    "INSERT INTO pages SELECT seq, CONCAT('<html><body><h1>Page ', seq, '</h1>', REPEAT(CONCAT("
                            + "'<p>', MD5(seq), ' step of the procedure: check the service, restart it, verify the "
                            + "dashboards.</p>'), 50), '</body></html>'), "
                            + "JSON_OBJECT('team', CONCAT('team-', seq % 12)) FROM seq_1_to_800",
                    "CREATE TABLE page_history (id bigint AUTO_INCREMENT PRIMARY KEY, page_id int NOT NULL, "
                            + "changed_by int NOT NULL, body LONGTEXT NOT NULL, changed_at DATETIME(6) NOT NULL, "
                            + "FOREIGN KEY (page_id) REFERENCES pages (id))",
                    "INSERT INTO page_history (page_id, changed_by, body, changed_at) SELECT p.id, v.seq, "
                            + "CONCAT(p.body, '<!-- revision ', v.seq, ' -->'), NOW() - INTERVAL (3 * v.seq) DAY "
                            + "FROM pages p CROSS JOIN seq_1_to_3 v",
                    "ANALYZE TABLE pages", "ANALYZE TABLE page_history");
        }
    }
}
