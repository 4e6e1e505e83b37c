package io.dbopt.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.bulk.doctor.BulkDoctorSection;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.jdbc.DriverDataSource;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;

/** The doctor's bulk section on both servers. */
@DbTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BulkDoctorSectionIT {

    private static ReportSection section(DataSource ds) {
        ReportSection s = Doctor.builder().dataSource(ds).sections(List.of(new BulkDoctorSection())).build().run()
                .sections().get(0);
        assertThat(s.isFailed()).as(s.failure()).isFalse();
        return s;
    }

    private static List<String> checks(ReportSection s) {
        return s.findings().stream().map(f -> f.check().value()).toList();
    }

    @DialectTest
    void reportsConnectionsThatSendInsertBatchesRowByRowAndNotThoseThatBatch(TestDatabase db) {
        boolean pg = db.testDialect() == TestDialect.POSTGRESQL;
        String off = pg ? "reWriteBatchedInserts" : "useBulkStmtsForInserts";
        DataSource rowByRow = DriverDataSource.of(db.jdbcUrl()).withUser(db.user())
                .withPassword(db.password() == null ? null : db.password().toCharArray()).withProperty(off, "false");
        DataSource batching = DriverDataSource.of(db.jdbcUrl()).withUser(db.user())
                .withPassword(db.password() == null ? null : db.password().toCharArray()).withProperty(off, "true");
        assertThat(checks(section(rowByRow))).contains("bulk.batch-insert-off");
        assertThat(checks(section(batching))).doesNotContain("bulk.batch-insert-off");
    }

    @DialectTest(TestDialect.POSTGRESQL)
    void reportsATableFullOfDeadRowsWithAVacuumFix(TestDatabase db) {
        db.execute("CREATE TABLE purged (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = false)",
                "INSERT INTO purged SELECT g, repeat('x', 20) FROM generate_series(1, 40000) g",
                "DELETE FROM purged WHERE id > 5000");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(section(db.dataSource()).findings()).filteredOn(f -> f.check().value()
                        .equals("bulk.dead-rows")).extracting(Finding::message).anyMatch(m -> m.contains("purged")));
        Finding f = section(db.dataSource()).findings().stream()
                .filter(x -> x.check().value().equals("bulk.dead-rows")).findFirst().orElseThrow();
        assertThat(f.fix().statements()).containsExactly("VACUUM (ANALYZE) public.purged");
        db.execute("VACUUM purged");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(checks(section(db.dataSource()))).doesNotContain("bulk.dead-rows"));
    }
}
