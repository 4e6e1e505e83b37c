package io.dbopt.query.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.ProjectRepository;
import com.example.app.TaskPages;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.ProfilerScope;
import io.dbopt.query.QueryProfiler;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryDoctorSectionIT {

    @BeforeEach
    void schema(TestDatabase db) throws Exception {
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        if (pg) {
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        try (Connection c = db.connection()) {
            ProjectRepository.createSchema(c, 15);
        }
        db.execute("CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint NOT NULL, title varchar(60))",
                TaskPages.createSchema(pg, 20_000));
        // analysed from another session, after the loading session's counters reached the statistics collector
        db.execute(pg ? "ANALYZE tasks" : "ANALYZE TABLE tasks", pg ? "ANALYZE users" : "ANALYZE TABLE users");
    }

    @AfterEach
    void drop(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS tasks", "DROP TABLE IF EXISTS projects", "DROP TABLE IF EXISTS users");
    }

    /** Runs {@code sql} 300 times, reading every row: enough to be among a small database's heaviest statements. */
    private static void runOften(TestDatabase db, String sql, Object... params) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < 300; i++) {
                for (int p = 0; p < params.length; p++) {
                    ps.setObject(p + 1, params[p]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }
        }
    }

    private static List<Finding> findings(FindingsReport report, String check) {
        return report.findings().stream().filter(f -> f.check().value().equals(check)).toList();
    }

    @DialectTest
    void reportsNPlusOneWithCallSitesPlansAndRewritesOfAProfiledWorkload(TestDatabase db) throws Exception {
        ProfiledDataSource ds = QueryProfiler.wrap(db.dataSource());
        QueryProfiler profiler = ds.profiler();
        try (ProfilerScope page = profiler.scope("project-list")) {
            new ProjectRepository(ds).leadsOneByOne();
        }
        try (ProfilerScope page = profiler.scope("task-pages")) {
            new TaskPages(ds).pages(0, 5_000, 15_000, 19_000);
            for (int project = 40; project < 45; project++) {
                new TaskPages(ds).countForProject(project);
            }
        }

        FindingsReport report = Doctor.builder().dataSource(db.dataSource())
                .sections(List.of(new QueryDoctorSection())).attach(QueryProfiler.class, profiler).build().run();
        ReportSection section = report.sections().get(0);
        assertThat(section.isFailed()).as(section.failure()).isFalse();
        assertThat(section.title()).isEqualTo("Queries");

        assertThat(findings(report, "query.n-plus-one")).singleElement().satisfies(f -> {
            assertThat(f.object().type()).isEqualTo(ObjectType.CALL_SITE);
            assertThat(f.object().name()).contains("com.example.app.ProjectRepository.leadsOneByOne(");
            assertThat(f.message()).contains("select full_name from users where id = ?").contains("15 times");
        });
        assertThat(findings(report, "query.top-profiled")).isNotEmpty();
        assertThat(findings(report, "query.plan-large-offset")).isNotEmpty();
        assertThat(findings(report, "query.plan-seq-scan")).anySatisfy(f ->
                assertThat(f.fix().statements()).singleElement().asString().contains("(project_id)"));
        assertThat(findings(report, "query.rewrite-keyset-pagination")).isNotEmpty();
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            // the shared MariaDB's digest table is full of other tests' statements; ServerStatisticsEmbeddedIT
            // checks MariaDB's top statements on a clean server
            assertThat(findings(report, "query.top-server")).as(report.toText()).isNotEmpty();
        }
        assertThat(section.facts()).anySatisfy(f -> assertThat(f.name()).isEqualTo("plans explained"));
        assertThat(report.toText()).doesNotContain("19000").doesNotContain("'task ");
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void reportsTheServersTopQueriesWithoutAProfiler(TestDatabase db, TestDialect dialect) throws Exception {
        TaskPages pages = new TaskPages(db.dataSource());
        for (int i = 0; i < 30; i++) {
            pages.countForProject(i);
        }
        FindingsReport report = Doctor.builder().dataSource(db.dataSource())
                .sections(List.of(new QueryDoctorSection())).build().run();
        ReportSection section = report.sections().get(0);
        assertThat(section.isFailed()).as(section.failure()).isFalse();
        assertThat(findings(report, "query.top-server"))
                .anySatisfy(f -> assertThat(f.object().name()).contains("tasks").contains("project_id"));
        assertThat(section.facts()).anySatisfy(f -> assertThat(f.value()).startsWith("not attached"));
        if (dialect == TestDialect.POSTGRESQL) {
            // without values, PostgreSQL still plans the heaviest statements (generic plans)
            assertThat(findings(report, "query.plan-seq-scan")).isNotEmpty();
        }
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void leavesDbOptsOwnCatalogQueriesOutOfTheServersTopStatements(TestDatabase db) throws Exception {
        // this database's statistics hold only what follows (the schema's loading statements are gone)
        db.execute("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = "
                + "current_database()), 0)");
        TaskPages pages = new TaskPages(db.dataSource());
        for (int i = 0; i < 5; i++) {
            pages.countForProject(i);
        }
        // the doctor's settings query, run often enough to be among the database's ten heaviest statements
        runOften(db, SqlResource.load("core", db.dialect(), "settings"));
        FindingsReport report = Doctor.builder().dataSource(db.dataSource())
                .sections(List.of(new QueryDoctorSection())).build().run();
        assertThat(findings(report, "query.top-server")).as(report.toText())
                .anySatisfy(f -> assertThat(f.object().name()).contains("tasks"))
                .noneSatisfy(f -> assertThat(f.object().name()).startsWith("select name, setting, coalesce(unit"));
    }

    @DialectTest(TestDialect.MARIADB)
    void leavesCatalogReadsOutOfTheServersTopStatementsOnMariaDb(TestDatabase db) throws Exception {
        // MariaDB's digests drop comments, so dbopt's marker cannot tell its catalog reads apart there: no statement
        // that reads information_schema or performance_schema is the application's to fix
        db.execute("TRUNCATE TABLE performance_schema.events_statements_summary_by_digest");
        TaskPages pages = new TaskPages(db.dataSource());
        for (int i = 0; i < 5; i++) {
            pages.countForProject(i);
        }
        // the rewriter's column read, run often enough to be among the database's ten heaviest statements
        runOften(db, SqlResource.load("query", db.dialect(), "table-columns"), "tasks");
        FindingsReport report = Doctor.builder().dataSource(db.dataSource())
                .sections(List.of(new QueryDoctorSection())).build().run();
        assertThat(findings(report, "query.top-server")).as(report.toText())
                .anySatisfy(f -> assertThat(f.object().name()).contains("tasks"))
                .noneSatisfy(f -> assertThat(f.object().name()).containsIgnoringCase("information_schema"));
    }

    @DialectTest
    void runsAlongsideOtherSectionsOnlyOnPostgreSqlAndWithoutAProfiler(TestDatabase db) {
        DatabaseInfo info = DatabaseInfo.detect(db.dataSource());
        DoctorContext plain = new DoctorContext(db.dataSource(), info, Duration.ofSeconds(10), Map.of());
        DoctorContext profiled = new DoctorContext(db.dataSource(), info, Duration.ofSeconds(10),
                Map.of(QueryProfiler.class, QueryProfiler.wrap(db.dataSource()).profiler()));

        // with a profiler the heaviest statements run under EXPLAIN ANALYZE: their scans would reach the index checks
        assertThat(new QueryDoctorSection().runsAlongside(plain)).isEqualTo(db.testDialect() == TestDialect.POSTGRESQL);
        assertThat(new QueryDoctorSection().runsAlongside(profiled)).isFalse();
    }
}
