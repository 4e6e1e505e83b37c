package io.dbopt.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.query.QueryProfiler;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the query profiler recorded is a workload: its fingerprints become index recommendations. */
@DbTest
class ProfilerWorkloadIT {

    @BeforeEach
    void plant(TestDatabase db) {
        Planted.orders(db, 20_000);
    }

    @AfterEach
    void clean(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS orders");
    }

    @DialectTest
    void recommendsFromWhatTheProfilerRecorded(TestDatabase db) throws Exception {
        QueryProfiler profiler = QueryProfiler.builder().build();
        DataSource app = profiler.instrument(db.dataSource());
        try (Connection c = app.getConnection();
             PreparedStatement ps = c.prepareStatement(Planted.ORDERS_BY_CUSTOMER_STATUS_SINCE)) {
            for (int i = 0; i < 25; i++) {
                ps.setString(1, "shipped");
                ps.setLong(2, 1 + i);
                ps.setTimestamp(3, Timestamp.from(Instant.now().minusSeconds(86_400L * 30)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                    }
                }
            }
        }

        Workload workload = ProfilerWorkload.from(profiler).workload();
        assertThat(workload.entries()).singleElement().satisfies(e -> {
            assertThat(e.calls()).isEqualTo(25);
            assertThat(e.sql()).containsIgnoringCase("customer_id");
        });
        List<IndexRecommendation> recommended = IndexManager.builder(db.dataSource())
                .workloadSource(ProfilerWorkload.from(profiler)).build().recommend().recommendations();
        assertThat(recommended).extracting(r -> r.index().columns())
                .contains(List.of("customer_id", "status", "created_at"));
    }
}
