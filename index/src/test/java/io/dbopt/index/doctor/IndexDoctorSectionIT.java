package io.dbopt.index.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.index.Workload;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.populate.SchemaPopulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

@DbTest
class IndexDoctorSectionIT {

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS accounts", "DROP TABLE IF EXISTS clients");
    }

    @DialectTest
    void reportsTheIndexFindingsWithFixesAndRecommendationsForTheAttachedWorkload(TestDatabase db) {
        SchemaPopulator.on(db).withDuplicatedIndex().withUnusedIndex().withData(3_000).populate();
        Workload workload = Workload.builder()
                .add("SELECT id, balance FROM accounts WHERE closed = ? AND opened_at > ? AND client_id = ?", 200,
                        Duration.ofSeconds(2)).build();

        FindingsReport report = Doctor.builder().dataSource(db.dataSource())
                .sections(List.of(new IndexDoctorSection())).attach(Workload.class, workload).build().run();

        ReportSection section = report.sections().get(0);
        assertThat(section.title()).isEqualTo("Indexes");
        assertThat(section.isFailed()).as(section.failure()).isFalse();
        assertThat(section.findings()).extracting(f -> f.check().value())
                .contains("index.duplicate", "index.unused");
        assertThat(section.findings()).filteredOn(f -> f.check().value().equals("index.duplicate"))
                .allSatisfy(f -> assertThat(f.fix().statements()).isNotEmpty());
        assertThat(section.facts()).extracting(ReportSection.Fact::name).contains("schema", "workload");
        assertThat(report.toText()).contains("Indexes");
    }

    @DialectTest
    void runsAlongsideOtherSectionsOnPostgreSqlOnly(TestDatabase db) {
        DoctorContext context = new DoctorContext(db.dataSource(), DatabaseInfo.detect(db.dataSource()),
                Duration.ofSeconds(10), Map.of());

        assertThat(new IndexDoctorSection().runsAlongside(context))
                .isEqualTo(db.testDialect() == TestDialect.POSTGRESQL);
    }
}
