package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.ServerSection;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.awaitility.Awaitility;

@DbTest
class ServerSectionIT {

    @DialectTest
    void reportsIdentitySettingsAndSessions(TestDatabase db) throws Exception {
        FindingsReport report = Doctor.builder().dataSource(db.dataSource()).build().run();
        ReportSection server = report.sections().get(0);
        assertThat(server.title()).isEqualTo("Server");
        assertThat(server.isFailed()).isFalse();
        assertThat(server.facts()).extracting(ReportSection.Fact::name)
                .contains("server", "database", "capabilities", "max_connections", "sessions by state");
        assertThat(server.facts()).filteredOn(f -> f.name().equals("database"))
                .extracting(ReportSection.Fact::value).containsExactly(db.name());
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("sections").get(0).path("facts").path("max_connections").asInt()).isPositive();
    }

    @DialectTest
    void advisesOnUnlimitedTimeoutsWithQuotedFixes(TestDatabase db) throws Exception {
        ReportSection section = new ServerSection().run(context(db));
        // neither local server sets a statement timeout by default
        Finding timeout = section.findings().stream()
                .filter(f -> f.check().value().equals("server.statement-timeout-unset")).findFirst().orElseThrow();
        assertThat(timeout.fix().statements()).isNotEmpty();
        if (db.testDialect() == TestDialect.POSTGRESQL) {
            assertThat(timeout.fix().statements().get(0)).startsWith("ALTER ROLE ");
            Finding idle = section.findings().stream()
                    .filter(f -> f.check().value().equals("server.idle-in-transaction-timeout-unset")).findFirst()
                    .orElseThrow();
            assertThat(idle.fix().statements().get(0)).contains("ALTER DATABASE " + db.dialect().quote(db.name()));
        }
    }

    @DialectTest
    void flagsSessionsIdleInTransaction(TestDatabase db) throws Exception {
        try (Connection idle = db.connection(); Statement st = idle.createStatement()) {
            idle.setAutoCommit(false);
            st.execute("CREATE TABLE IF NOT EXISTS t (id int)");
            st.executeQuery("SELECT count(*) FROM t").close();
            if (db.testDialect() == TestDialect.MARIADB) {
                st.execute("INSERT INTO t VALUES (1)"); // an InnoDB transaction exists once it touched rows
            }
            Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                ReportSection section = new ServerSection().run(context(db));
                assertThat(section.facts()).filteredOn(f -> f.name().equals("sessions by state"))
                        .extracting(ReportSection.Fact::value).first().asString().contains("idle in transaction");
            });
            idle.rollback();
        }
    }

    private static io.dbopt.core.doctor.DoctorContext context(TestDatabase db) {
        return new io.dbopt.core.doctor.DoctorContext(db.dataSource(), DatabaseInfo.detect(db.dataSource()),
                java.time.Duration.ofSeconds(10), java.util.Map.of());
    }

    static List<String> checks(ReportSection section) {
        return section.findings().stream().map(f -> f.check().value()).toList();
    }
}
