package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.ProjectRepository;
import com.example.app.TaskPages;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.query.doctor.QueryDoctorSection;
import io.dbopt.testkit.DedicatedServer;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server-side statistics on servers of this test's own: the embedded PostgreSQL 17 the CLI demo runs on, and a
 * MariaDB whose performance_schema digest table is not shared with every other test.
 */
class ServerStatisticsEmbeddedIT {

    private static List<Finding> findings(FindingsReport report, String check) {
        return report.findings().stream().filter(f -> f.check().value().equals(check)).toList();
    }

    private static void load(TestDatabase db, boolean pg) throws Exception {
        try (Connection c = db.connection()) {
            ProjectRepository.createSchema(c, 12);
        }
        db.execute("CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint NOT NULL, title varchar(60))",
                TaskPages.createSchema(pg, 20_000));
        db.execute(pg ? "ANALYZE tasks" : "ANALYZE TABLE tasks");
        TaskPages pages = new TaskPages(db.dataSource());
        for (int i = 0; i < 30; i++) {
            pages.countForProject(i);
        }
    }

    @Test
    @Timeout(240)
    void worksOnTheEmbeddedPostgres17OfTheDemo() throws Exception {
        try (DedicatedServer server = DedicatedServer.startPostgres();
             TestDatabase db = server.createDatabase("pg17")) {
            assertThat(db.dialect().version().major()).isGreaterThanOrEqualTo(17);
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            load(db, true);

            FindingsReport plain = Doctor.builder().dataSource(db.dataSource())
                    .sections(List.of(new QueryDoctorSection())).build().run();
            assertThat(plain.hasFailedSections()).as(plain.toText()).isFalse();
            assertThat(findings(plain, "query.top-server")).as(plain.toText())
                    .anySatisfy(f -> assertThat(f.object().name()).contains("from tasks where project_id = ?"));
            assertThat(findings(plain, "query.plan-seq-scan")).as(plain.toText()).isNotEmpty();

            ProfiledDataSource ds = QueryProfiler.wrap(db.dataSource());
            try (ProfilerScope scope = ds.profiler().scope("project-list")) {
                new ProjectRepository(ds).leadsOneByOne();
            }
            FindingsReport profiled = Doctor.builder().dataSource(db.dataSource())
                    .sections(List.of(new QueryDoctorSection())).attach(QueryProfiler.class, ds.profiler()).build()
                    .run();
            assertThat(findings(profiled, "query.n-plus-one")).singleElement()
                    .satisfies(f -> assertThat(f.object().name()).contains("ProjectRepository.leadsOneByOne"));
        }
    }

    @Test
    @Timeout(240)
    void readsMariaDbDigestsAndSaysWhenTheTableIsFull() throws Exception {
        try (DedicatedServer server = DedicatedServer.startMariaDb("--performance-schema=ON", "--max-connections=20",
                "--performance-schema-digests-size=200");
             TestDatabase db = server.createDatabase("digests")) {
            load(db, false);
            ServerStatistics fresh = ServerQueries.create(db.dataSource()).top(10);
            assertThat(fresh.available()).isTrue();
            assertThat(fresh.incomplete()).isFalse();
            assertThat(fresh.queries()).anySatisfy(q -> {
                assertThat(q.fingerprint()).contains("from `tasks` where `project_id` = ?");
                assertThat(q.calls()).isEqualTo(30);
                assertThat(q.rowsExamined()).isGreaterThanOrEqualTo(30L * 20_000);
                assertThat(q.withoutIndex()).isEqualTo(30);
            });
            FindingsReport report = Doctor.builder().dataSource(db.dataSource())
                    .sections(List.of(new QueryDoctorSection())).build().run();
            assertThat(findings(report, "query.server-no-index")).as(report.toText()).isNotEmpty();

            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                for (int i = 0; i < 250; i++) {
                    st.executeQuery("SELECT " + i + " AS c" + i).close(); // a new digest each time
                }
            }
            assertThat(ServerQueries.create(db.dataSource()).top(10).incomplete()).isTrue();
            FindingsReport full = Doctor.builder().dataSource(db.dataSource())
                    .sections(List.of(new QueryDoctorSection())).build().run();
            assertThat(findings(full, "query.server-statistics-incomplete")).singleElement();
        }
    }
}
