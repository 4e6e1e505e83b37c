package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.query.cache.QueryCache;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;

/** The profiler's and the cache's meters, recorded through core's facade into a Micrometer registry. */
@DbTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueryMetersIT {

    private static Set<String> names(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
    }

    @DialectTest
    void exposesProfilerAndCacheCountersWithoutPerQueryTags(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE m (id int PRIMARY KEY)", "INSERT INTO m VALUES (1), (2)");
        try {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            QueryProfiler profiler = QueryProfiler.builder().name("orders").meterRegistry(registry).build();
            ProfiledDataSource ds = profiler.instrument(db.dataSource());
            try (QueryCache cache = QueryCache.builder().name("orders-cache").meterRegistry(registry).build()) {
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.executeQuery("SELECT id FROM m").close();
                    st.executeUpdate("UPDATE m SET id = id WHERE id = 1");
                }
                cache.query(ds, "SELECT id FROM m WHERE id = ?", 1);
                cache.query(ds, "SELECT id FROM m WHERE id = ?", 1);
                System.gc(); // Micrometer holds function meters' sources weakly: the components must keep them


                FunctionTimer selects = registry.get(QueryMeters.EXECUTIONS).tag("profiler", "orders")
                        .tag("kind", "select").functionTimer();
                assertThat(selects.count()).isEqualTo(2); // one direct, one through the cache
                assertThat(selects.totalTime(TimeUnit.NANOSECONDS)).isPositive();
                assertThat(registry.get(QueryMeters.EXECUTIONS).tag("kind", "update").functionTimer().count())
                        .isEqualTo(1);
                assertThat(registry.get(QueryMeters.ERRORS).tag("kind", "select").functionCounter().count()).isZero();
                assertThat(registry.get(QueryMeters.FINGERPRINTS).gauge().value()).isEqualTo(3);
                assertThat(registry.get(QueryMeters.N_PLUS_ONE_PATTERNS).gauge().value()).isZero();
                assertThat(registry.get(QueryMeters.CACHE_REQUESTS).tag("result", "hit-local").functionCounter()
                        .count()).isEqualTo(1);
                assertThat(registry.get(QueryMeters.CACHE_REQUESTS).tag("result", "miss").functionCounter().count())
                        .isEqualTo(1);
                assertThat(registry.get(QueryMeters.CACHE_HIT_RATIO).gauge().value()).isEqualTo(0.5);
                assertThat(registry.get(QueryMeters.CACHE_SIZE).gauge().value()).isEqualTo(1);
                assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
                        .noneMatch(t -> t.getValue().contains("select ")));
                assertThat(names(registry)).containsExactlyInAnyOrder(QueryMeters.EXECUTIONS, QueryMeters.ERRORS,
                        QueryMeters.SLOW, QueryMeters.FINGERPRINTS, QueryMeters.N_PLUS_ONE_PATTERNS,
                        QueryMeters.CACHE_REQUESTS, QueryMeters.CACHE_LOAD_FAILURES, QueryMeters.CACHE_EVICTIONS,
                        QueryMeters.CACHE_INVALIDATIONS, QueryMeters.CACHE_STALE, QueryMeters.CACHE_SHARED_ERRORS,
                        QueryMeters.CACHE_SIZE, QueryMeters.CACHE_HIT_RATIO);
            }
            assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                    .as("closing the cache removes its meters").noneMatch(n -> n.startsWith("dbopt.cache."));
        } finally {
            db.execute("DROP TABLE m");
        }
    }

    @DialectTest
    void theOptimizerRemovesTheMetersItRegisteredWhenClosed(TestDatabase db) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (QueryOptimizer optimizer = QueryOptimizer.builder().dataSource(db.dataSource()).meterRegistry(registry)
                .build()) {
            optimizer.withConnection(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeQuery("SELECT 1").next();
                }
            });
            assertThat(registry.get(QueryMeters.EXECUTIONS).tag("kind", "select").functionTimer().count())
                    .isEqualTo(1);
        }
        assertThat(registry.getMeters()).isEmpty();
    }
}
