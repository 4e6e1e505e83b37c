package io.dbopt.query.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dbopt.core.DbOptException;
import io.dbopt.query.ProfiledDataSource;
import io.dbopt.query.QueryErrorCode;
import io.dbopt.query.QueryProfiler;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryCacheIT {

    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String NAME_OF = "SELECT name FROM products WHERE id = ?";

    private final List<QueryCache> caches = new ArrayList<>();
    private QueryProfiler profiler;
    private ProfiledDataSource ds;
    private String prefix;

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("CREATE TABLE products (id bigint PRIMARY KEY, name varchar(50) NOT NULL, category int NOT NULL)",
                "INSERT INTO products VALUES (1, 'kettle', 1), (2, 'toaster', 1), (3, 'lamp', 2)");
        profiler = QueryProfiler.builder().build();
        ds = profiler.instrument(db.dataSource());
        prefix = "dbopt-test:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void clean(TestDatabase db) {
        for (QueryCache cache : caches) {
            try {
                cache.clear();
            } finally {
                cache.close();
            }
        }
        db.execute("DROP TABLE products");
    }

    private QueryCache cache(QueryCache.Builder builder) {
        QueryCache cache = builder.build();
        caches.add(cache);
        return cache;
    }

    private long executions(String sql) {
        return profiler.statsOf(sql).map(q -> q.executions()).orElse(0L);
    }

    private void rename(long id, String name) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE products SET name = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    @DialectTest
    void servesRepeatedReadsFromMemoryAndCountsThem() {
        QueryCache cache = cache(QueryCache.builder());
        assertThat(cache.query(ds, NAME_OF, 1).row(0).getString("name")).isEqualTo("kettle");
        assertThat(cache.query(ds, NAME_OF, 1).row(0).getString("name")).isEqualTo("kettle");
        assertThat(cache.query(ds, NAME_OF, 2).row(0).getString("name")).isEqualTo("toaster");
        assertThat(executions(NAME_OF)).isEqualTo(2);
        CacheStats stats = cache.stats();
        assertThat(stats.localHits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(2);
        assertThat(stats.hitRate()).isEqualTo(1.0 / 3);
    }

    @DialectTest
    void runsTheQueryOnceForConcurrentRequestsOfOneKey(TestDialect dialect) throws Exception {
        QueryCache cache = cache(QueryCache.builder());
        String slow = dialect == TestDialect.POSTGRESQL
                ? "SELECT name, pg_sleep(0.2) IS NULL AS slept FROM products WHERE id = ?"
                : "SELECT name, SLEEP(0.2) AS slept FROM products WHERE id = ?";
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<QueryResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.query(ds, slow, 3);
                }));
            }
            start.countDown();
            for (Future<QueryResult> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS).row(0).getString("name")).isEqualTo("lamp");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(executions(slow)).isEqualTo(1);
        assertThat(cache.stats().misses()).isEqualTo(1);
        assertThat(cache.stats().localHits()).isEqualTo(threads - 1);
    }

    @DialectTest
    void dropsEntriesWhenTheProxySeesAWriteToTheirTable() throws Exception {
        QueryCache blind = cache(QueryCache.builder().name("blind"));
        QueryCache watching = cache(QueryCache.builder().name("watching").invalidatedBy(profiler));
        blind.query(ds, NAME_OF, 1);
        watching.query(ds, NAME_OF, 1);

        rename(1, "kettle v2");

        // the problem: a cache that does not hear about writes serves the old name
        assertThat(blind.query(ds, NAME_OF, 1).row(0).getString("name")).isEqualTo("kettle");
        // its absence: the cache listening to the profiler reloads
        assertThat(watching.query(ds, NAME_OF, 1).row(0).getString("name")).isEqualTo("kettle v2");
        assertThat(watching.stats().invalidations()).isEqualTo(1);
        assertThat(watching.stats().staleRejections()).isEqualTo(1);
    }

    @DialectTest
    void dropsEntriesAgainWhenAWritingTransactionCommits() throws Exception {
        QueryCache cache = cache(QueryCache.builder().invalidatedBy(profiler));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE products SET name = ? WHERE id = ?")) {
                ps.setString(1, "lamp v2");
                ps.setLong(2, 3);
                ps.executeUpdate();
            }
            // another session reads the committed name and caches it while the transaction is open
            assertThat(cache.query(ds, NAME_OF, 3).row(0).getString("name")).isEqualTo("lamp");
            c.commit();
        }
        assertThat(cache.query(ds, NAME_OF, 3).row(0).getString("name")).isEqualTo("lamp v2");
    }

    @DialectTest
    void sharesEntriesThroughRedisAndInvalidatesEveryInstance() throws Exception {
        QueryCache a = cache(QueryCache.builder().name("a").redis(REDIS).keyPrefix(prefix).invalidatedBy(profiler));
        QueryCache b = cache(QueryCache.builder().name("b").redis(REDIS).keyPrefix(prefix));

        assertThat(a.query(ds, NAME_OF, 2).row(0).getString("name")).isEqualTo("toaster");
        assertThat(b.query(ds, NAME_OF, 2).row(0).getString("name")).isEqualTo("toaster");
        assertThat(b.stats().sharedHits()).isEqualTo(1);
        assertThat(b.stats().misses()).isZero();
        assertThat(executions(NAME_OF)).isEqualTo(1);

        rename(2, "toaster v2"); // seen by a's profiler only
        await().atMost(Duration.ofSeconds(10)).until(() -> b.stats().invalidations() >= 1);
        assertThat(b.query(ds, NAME_OF, 2).row(0).getString("name")).isEqualTo("toaster v2");

        QueryCache late = cache(QueryCache.builder().name("late").redis(REDIS).keyPrefix(prefix));
        assertThat(late.query(ds, NAME_OF, 2).row(0).getString("name")).isEqualTo("toaster v2");
    }

    @DialectTest
    void fallsBackToTheDatabaseWhenARedisEntryIsNotItsOwn() {
        QueryCache cache = cache(QueryCache.builder().redis(REDIS).keyPrefix(prefix));
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().set(prefix + "e:" + ResultCodec.key(NAME_OF, List.of(1)), "rO0ABXNyABNqYXZhLnV0aWwu");
            assertThat(cache.query(ds, NAME_OF, 1).row(0).getString("name")).isEqualTo("kettle");
            assertThat(cache.stats().sharedErrors()).isEqualTo(1);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @DialectTest
    void expiresEntriesAfterTheirTtlAndBoundsTheSize() {
        QueryCache cache = cache(QueryCache.builder().ttl(Duration.ofMillis(200)).maximumSize(2));
        cache.query(ds, NAME_OF, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            cache.query(ds, NAME_OF, 1);
            return cache.stats().misses() >= 2;
        });
        for (long id = 1; id <= 3; id++) {
            cache.query(ds, NAME_OF, id);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.stats().evictions() >= 1);
        assertThat(cache.size()).isLessThanOrEqualTo(2);
    }

    @DialectTest
    void refusesToCacheWrites() {
        QueryCache cache = cache(QueryCache.builder());
        assertThatThrownBy(() -> cache.query(ds, "UPDATE products SET name = 'x' WHERE id = ?", 1))
                .isInstanceOfSatisfying(DbOptException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(QueryErrorCode.NOT_CACHEABLE));
    }

    @DialectTest
    void reportsQueryFailuresWithTheirSqlState() {
        QueryCache cache = cache(QueryCache.builder());
        assertThatThrownBy(() -> cache.query(ds, "SELECT nope FROM products WHERE id = ?", 1))
                .isInstanceOfSatisfying(DbOptException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(QueryErrorCode.CACHE_LOAD_FAILED);
                    assertThat(e.sqlState()).isPresent();
                });
        assertThat(cache.stats().loadFailures()).isEqualTo(1);
    }
}
