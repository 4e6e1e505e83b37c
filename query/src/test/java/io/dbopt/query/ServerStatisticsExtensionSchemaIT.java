package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.doctor.Doctor;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.query.doctor.QueryDoctorSection;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** pg_stat_statements installed in a schema that is not on the search path still feeds the Queries section. */
@DbTest
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ServerStatisticsExtensionSchemaIT {

    @DialectTest(TestDialect.POSTGRESQL)
    void readsPgStatStatementsInstalledOutsideTheSearchPath(TestDatabase db) {
        db.execute("CREATE SCHEMA \"Stats Ext\"", "CREATE EXTENSION pg_stat_statements SCHEMA \"Stats Ext\"",
                "CREATE TABLE t (id int PRIMARY KEY)", "SELECT count(*) FROM t");

        ServerStatistics stats = ServerQueries.create(db.dataSource()).top(10);
        ReportSection section = Doctor.builder().dataSource(db.dataSource())
                .sections(List.of(new QueryDoctorSection())).build().run().sections().get(0);

        assertThat(stats.status()).as(stats.toString()).isEqualTo(ServerStatistics.Status.AVAILABLE);
        assertThat(section.isFailed()).as(section.failure()).isFalse();
        assertThat(ServerQueries.inSchema("SELECT 1 FROM pg_stat_statements s JOIN pg_stat_statements_info i ON true",
                "\"Stats Ext\"")).isEqualTo("SELECT 1 FROM \"Stats Ext\".pg_stat_statements s "
                + "JOIN \"Stats Ext\".pg_stat_statements_info i ON true");
    }
}
