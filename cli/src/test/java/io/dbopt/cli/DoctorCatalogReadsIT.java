package io.dbopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.finding.Chart;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.jdbc.ForwardingConnection;
import io.dbopt.core.jdbc.ForwardingDataSource;
import io.dbopt.health.doctor.HealthDoctorSection;
import io.dbopt.index.Workload;
import io.dbopt.index.doctor.IndexDoctorSection;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;

/**
 * On MariaDB every read of {@code information_schema.TABLES} opens every table of the database (about 1 s at 10,000
 * tables), so one doctor run reads it once and its sections share the snapshot: the Indexes section's table-level
 * checks and size chart, and the Health section's {@code table-bloat} and {@code sequences} checks.
 */
@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DoctorCatalogReadsIT {

    @DialectTest(TestDialect.MARIADB)
    void oneRunReadsInformationSchemaTablesOnceForIndexesAndHealth(TestDatabase db) {
        db.execute("CREATE TABLE parent (id INT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20))"
                        + " AUTO_INCREMENT = 2000000000",
                "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent (id), note VARCHAR(20))",
                "CREATE INDEX child_note ON child (note)", "CREATE INDEX child_note_again ON child (note)",
                "CREATE TABLE legacy (id INT PRIMARY KEY) ENGINE = MyISAM", "CREATE SEQUENCE ticket_seq");
        Recording recording = new Recording(db.dataSource());

        FindingsReport report = Doctor.builder().dataSource(recording)
                .sections(List.of(new IndexDoctorSection(), new HealthDoctorSection()))
                .attach(Workload.class, Workload.empty()).build().run();

        assertThat(report.sections()).extracting(ReportSection::title).containsExactly("Indexes", "Health");
        assertThat(report.sections()).allSatisfy(s -> assertThat(s.isFailed()).as(s.title() + ": " + s.failure())
                .isFalse());
        // what the shared snapshot feeds: the table-level index checks, the size chart and the Health checks
        assertThat(report.findings()).extracting(f -> f.check().value())
                .contains("index.non-transactional-engine", "index.sequence-overflow", "health.sequences");
        assertThat(report.sections().get(0).charts()).first().isInstanceOfSatisfying(Chart.Bars.class, chart ->
                assertThat(chart.bars()).extracting(Chart.Bar::label).contains("parent", "child", "legacy")
                        .doesNotContain("ticket_seq"));
        // before: the index checks' snapshot, the size chart, table-bloat, the AUTO_INCREMENT counters and the
        // SEQUENCE objects read it once each
        assertThat(recording.statements).filteredOn(sql -> sql.toLowerCase(Locale.ROOT)
                .matches("(?s).*from\\s+information_schema\\.tables\\b.*")).hasSize(1);
    }

    /** Records the text of every statement prepared on its connections. */
    private static final class Recording extends ForwardingDataSource {
        final List<String> statements = new CopyOnWriteArrayList<>();

        Recording(DataSource delegate) {
            super(delegate);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return new ForwardingConnection(delegate.getConnection()) {
                @Override
                public PreparedStatement prepareStatement(String sql) throws SQLException {
                    statements.add(sql);
                    return delegate.prepareStatement(sql);
                }
            };
        }
    }
}
