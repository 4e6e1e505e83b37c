package io.dbopt.migration.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;

@DbTest
class MigrationSectionIT {

    @DialectTest
    void reportsHistoryFailedMigrationsAndLeftovers(TestDatabase db, TestDialect which) throws Exception {
        boolean pg = which == TestDialect.POSTGRESQL;
        Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/plugins/core/" + which.id())
                .table("flyway_schema_history_core").load().migrate();
        db.execute("INSERT INTO flyway_schema_history_core (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) VALUES (99, '3', 'broken', 'SQL', 'V3__broken.sql', "
                + "0, 'test', 0, " + (pg ? "false" : "0") + ")");
        if (pg) {
            db.execute("INSERT INTO users (email, display_name) VALUES ('a', 'x'), ('b', 'x')");
            try {
                db.execute("CREATE UNIQUE INDEX CONCURRENTLY users_name_dup ON users (display_name)");
            } catch (IllegalStateException expected) {
                // leaves an INVALID index behind: the index module's finding, not this section's
            }
            db.execute("ALTER TABLE team_members ADD CONSTRAINT tm_user_positive CHECK (user_id > 0) NOT VALID");
        }

        ReportSection section = new MigrationSection().run(new DoctorContext(db.dataSource(),
                DatabaseInfo.detect(db.dataSource()), Duration.ofSeconds(10), Map.of()));

        assertThat(section.facts()).anyMatch(f -> f.name().equals("flyway_schema_history_core")
                && f.value().equals("2 applied, latest V2"));
        assertThat(section.findings()).extracting(f -> f.check().value()).contains("migration.failed");
        if (pg) {
            assertThat(section.findings()).extracting(Finding::check).extracting(Object::toString)
                    .contains("migration.unvalidated-constraint").doesNotContain("migration.invalid-index");
        }
        assertThat(Doctor.builder().dataSource(db.dataSource()).build().sections())
                .anyMatch(s -> s instanceof MigrationSection);
    }
}
