package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.time.Duration;
import java.util.Map;

@DbTest
class PoolDoctorSectionIT {

    @DialectTest
    void runsAfterTheServerSectionWithSessionsByApplicationAndTheSizingRule(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "doctor").poolSize(2).maxOverflow(0).build()) {
            pool.withConnection(PoolTests::selectOne);
            FindingsReport report = Doctor.builder().dataSource(db.dataSource()).build().run();
            assertThat(report.sections()).extracting(ReportSection::title).containsSubsequence("Server",
                    "Connection pool");
            ReportSection section = report.sections().stream().filter(s -> s.title().equals("Connection pool"))
                    .findFirst().orElseThrow();
            assertThat(section.isFailed()).as(section.failure()).isFalse();
            String sessions = fact(section, "sessions by application");
            assertThat(sessions).contains(pool.config().applicationName() + "=");
            assertThat(fact(section, "sizing rule")).contains("cores*2+spindles = ");
            assertThat(section.findings()).allSatisfy(f -> assertThat(f.check().module()).isEqualTo("pool"));
        }
    }

    @DialectTest
    void anAttachedPoolAddsItsFindingsAndTheClusterBudget(TestDatabase db) throws Exception {
        try (ConnectionPoolManager pool = PoolTests.builder(db, "doctor-attached").poolSize(2).maxOverflow(1000)
                .socketTimeout(Duration.ZERO).build()) {
            DoctorContext context = new DoctorContext(db.dataSource(), DatabaseInfo.detect(db.dataSource()),
                    Duration.ofSeconds(10), Map.of(ConnectionPoolManager.class, pool, DatabaseHost.class,
                    new DatabaseHost(1, 0)));
            ReportSection section = new io.dbopt.pool.doctor.PoolDoctorSection().run(context);
            assertThat(fact(section, "pool t-doctor-attached")).contains("size=2, checked_out=");
            assertThat(fact(section, "deadlock bound")).contains("Tn*(Cm-1)+1");
            assertThat(fact(section, "sizing rule")).contains("= 2 busy connections");
            assertThat(section.findings()).extracting(f -> f.check().value())
                    .contains("pool.cluster-budget", "pool.socket-timeout-unset", "pool.sizing-advice")
                    .doesNotContain("server.connection-headroom");
            Finding budget = section.findings().stream().filter(f -> f.check().value().equals("pool.cluster-budget"))
                    .findFirst().orElseThrow();
            assertThat(budget.evidenceValue("max_per_instance")).contains(1002);
            assertThat(budget.fix().description()).contains("clusterBudget(");
        }
    }

    private static String fact(ReportSection section, String name) {
        return section.facts().stream().filter(f -> f.name().equals(name)).map(ReportSection.Fact::value)
                .findFirst().orElseThrow(() -> new AssertionError("no fact " + name + " in " + section.facts()));
    }
}
