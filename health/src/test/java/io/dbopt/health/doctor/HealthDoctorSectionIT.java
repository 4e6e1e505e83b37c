package io.dbopt.health.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The doctor finds the Health section by ServiceLoader and reports the checks' findings with facts per check. */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthDoctorSectionIT {

    @DialectTest
    void reportsASequenceNearItsMaximumAndEveryCheckAsAFact(TestDatabase db, TestDialect dialect) {
        if (dialect == TestDialect.POSTGRESQL) {
            db.execute("CREATE TABLE tickets (id smallserial PRIMARY KEY)", "SELECT setval('tickets_id_seq', 31000)");
        } else {
            db.execute("CREATE TABLE tickets (id tinyint AUTO_INCREMENT PRIMARY KEY)",
                    "INSERT INTO tickets VALUES (120)");
        }
        assertThat(Doctor.discoverSections()).anyMatch(s -> s instanceof HealthDoctorSection);

        FindingsReport report = Doctor.builder().dataSource(db.dataSource())
                .sections(List.of(new HealthDoctorSection())).build().run();

        ReportSection health = report.sections().get(0);
        assertThat(health.isFailed()).as(health.failure()).isFalse();
        assertThat(health.facts()).extracting(ReportSection.Fact::name)
                .contains("database", "sequences", "long-queries", "blocked-sessions", "table-bloat")
                .doesNotContain("connections", "idle-in-transaction");
        assertThat(health.findings()).anySatisfy(f -> {
            assertThat(f.check().value()).isEqualTo("health.sequences");
            assertThat(f.object().name()).contains("tickets");
        });
    }
}
