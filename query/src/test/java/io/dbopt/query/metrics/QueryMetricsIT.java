package io.dbopt.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.QueryProfiler;
import io.dbopt.query.cache.QueryCache;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

@DbTest
class QueryMetricsIT {

    @DialectTest
    void exposesProfilerAndCacheCountersWithoutPerQueryTags(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE m (id int PRIMARY KEY)", "INSERT INTO m VALUES (1), (2)");
        try {
            QueryProfiler profiler = QueryProfiler.builder().name("orders").build();
            ProfiledDataSource ds = profiler.instrument(db.dataSource());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new QueryProfilerMetrics(profiler).bindTo(registry);
            try (QueryCache cache = QueryCache.builder().name("orders-cache").build()) {
                new QueryCacheMetrics(cache).bindTo(registry);
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.executeQuery("SELECT id FROM m").close();
                    st.executeUpdate("UPDATE m SET id = id WHERE id = 1");
                }
                cache.query(ds, "SELECT id FROM m WHERE id = ?", 1);
                cache.query(ds, "SELECT id FROM m WHERE id = ?", 1);

                FunctionTimer selects = registry.get("dbopt.query.executions").tag("profiler", "orders")
                        .tag("kind", "select").functionTimer();
                assertThat(selects.count()).isEqualTo(2); // one direct, one through the cache
                assertThat(selects.totalTime(TimeUnit.NANOSECONDS)).isPositive();
                assertThat(registry.get("dbopt.query.executions").tag("kind", "update").functionTimer().count())
                        .isEqualTo(1);
                assertThat(registry.get("dbopt.query.fingerprints").gauge().value()).isEqualTo(3);
                assertThat(registry.get("dbopt.cache.requests").tag("result", "hit-local").functionCounter().count())
                        .isEqualTo(1);
                assertThat(registry.get("dbopt.cache.hit.ratio").gauge().value()).isEqualTo(0.5);
                assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
                        .noneMatch(t -> t.getValue().contains("select ")));
            }
        } finally {
            db.execute("DROP TABLE m");
        }
    }
}
