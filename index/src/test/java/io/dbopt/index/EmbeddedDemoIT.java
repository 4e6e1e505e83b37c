package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.index.doctor.IndexDoctorSection;
import io.dbopt.testkit.DedicatedServer;
import io.dbopt.testkit.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CLI demo's situation: zonky's embedded PostgreSQL 17 without HypoPG, pg_stat_statements preloaded, the demo's
 * planted index problems and a short run of its page loads. The doctor section must find them all with the
 * transactional trial.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedDemoIT {

    private static DedicatedServer server;
    private static TestDatabase db;

    @BeforeAll
    static void start() throws Exception {
        server = DedicatedServer.startPostgres();
        db = server.createDatabase("index-demo");
        try (InputStream in = EmbeddedDemoIT.class.getResourceAsStream("demo-schema.sql");
             Connection c = db.connection(); Statement st = c.createStatement()) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            for (String sql : script.split(";\\s*\\n")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        pageLoads();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void doctorFindsEveryPlantedProblemOnEmbeddedPostgres17WithoutHypoPg() {
        ReportSection section = Doctor.builder().dataSource(db.dataSource())
                .sections(List.of(new IndexDoctorSection())).build().run().sections().get(0);

        assertThat(section.isFailed()).as(section.failure()).isFalse();
        assertThat(section.facts()).contains(new ReportSection.Fact("what-if method", "transactional_trial"));
        // tasks.project_id: the foreign key without index is the recommended index's root cause: one finding, one fix
        assertThat(objects(section, "index.fk-without-index")).noneMatch(o -> o.startsWith("public.tasks."))
                .isNotEmpty();
        Finding tasks = section.findings().stream().filter(f -> f.check().value().equals("index.recommended")
                && f.object().name().equals("public.tasks")).findFirst().orElseThrow();
        assertThat(tasks.evidence()).anyMatch(e -> e.name().startsWith("also_")
                && e.value().toString().startsWith("index.fk-without-index public.tasks."));
        assertThat(tasks.evidenceValue("statistics_at")).isPresent();
        assertThat(objects(section, "index.duplicate")).containsAnyOf("public.projects_status_priority_idx",
                "public.idx_project_status_priority");
        assertThat(objects(section, "index.unused")).contains("public.idx_users_last_login");
        List<String> created = section.findings().stream().filter(f -> f.check().value().equals("index.recommended"))
                .flatMap(f -> f.fix().statements().stream()).toList();
        assertThat(created).anyMatch(s -> s.contains("ON public.tasks (project_id, status_id"));
        assertThat(created).anyMatch(s -> s.contains("ON public.documents USING gin (properties jsonb_path_ops)"));
    }

    private static List<String> objects(ReportSection section, String check) {
        return section.findings().stream().filter(f -> f.check().value().equals(check))
                .map(Finding::object).map(o -> o.name()).toList();
    }

    /** The demo's task board and document search, as DemoWorkload runs them. */
    private static void pageLoads() throws Exception {
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, title, position FROM tasks "
                    + "WHERE project_id = ? AND status_id = ? ORDER BY position LIMIT 50")) {
                for (int i = 0; i < 20; i++) {
                    ps.setLong(1, 1 + (i * 97L) % 2000);
                    ps.setInt(2, 1 + i % 6);
                    drain(ps);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, title FROM documents WHERE properties @> CAST(? AS jsonb)")) {
                for (int i = 0; i < 12; i++) {
                    ps.setString(1, "{\"team\": \"team-" + i + "\"}");
                    drain(ps);
                }
            }
        }
    }

    private static void drain(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }
}
