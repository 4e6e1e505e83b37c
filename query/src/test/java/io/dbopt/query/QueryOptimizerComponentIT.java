package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.app.Bookshelf;
import io.dbopt.core.DbOptException;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The optimizer as a component, on both servers: created from a configuration in the seed's form (the URL as
 * {@code postgresql://user:pw@host:port/db}, {@code mysql://} or {@code mariadb://}), its transaction scope on
 * profiled connections, {@code metrics()} and {@code healthCheck()}.
 */
@DbTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryOptimizerComponentIT {

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("CREATE TABLE authors (id int PRIMARY KEY, name varchar(40) NOT NULL)",
                "CREATE TABLE books (id int PRIMARY KEY, author_id int NOT NULL, title varchar(60) NOT NULL)");
        for (int a = 1; a <= 12; a++) {
            db.execute("INSERT INTO authors VALUES (" + a + ", 'author " + a + "')",
                    "INSERT INTO books VALUES (" + a + ", " + a + ", 'book " + a + "')");
        }
    }

    @AfterEach
    void drop(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS books", "DROP TABLE IF EXISTS authors");
    }

    /** The test database's URL in the seed's form, {@code scheme://user[:password]@host:port/db}. */
    private static String seedUrl(TestDatabase db, String scheme) {
        URI jdbc = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        String user = URLEncoder.encode(db.user(), StandardCharsets.UTF_8);
        String password = db.password().isEmpty() ? ""
                : ":" + URLEncoder.encode(db.password(), StandardCharsets.UTF_8);
        return scheme + "://" + user + password + "@" + jdbc.getHost() + ":" + jdbc.getPort() + jdbc.getPath();
    }

    /** The seed's config block: the URL, the pool's flat keys, and the query section. */
    private static DbOptConfig seedConfig(String url, Map<String, Object> more) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("database_url", url);
        block.put("pool_size", 2);
        block.put("max_overflow", 3);
        block.put("pool_timeout", 30);
        block.put("pool_recycle", 1800);
        block.put("query", Map.of("name", "seed", "n_plus_one_threshold", 5, "statement_timeout", 15));
        block.putAll(more);
        return DbOptConfig.of(block);
    }

    private static int countBooks(Connection c) throws SQLException {
        return Jdbc.queryFirst(c, "SELECT count(*) FROM books", rs -> rs.getInt(1)).orElseThrow();
    }

    @DialectTest
    void isCreatedFromTheSeedConfigBlockInEveryUrlForm(TestDatabase db, TestDialect dialect) {
        List<String> schemes = dialect == TestDialect.POSTGRESQL ? List.of("postgresql", "postgres",
                "postgresql+psycopg2") : List.of("mysql", "mariadb", "mysql+pymysql");
        for (String scheme : schemes) {
            DbOptConfig config = seedConfig(seedUrl(db, scheme), Map.of());
            try (QueryOptimizer optimizer = QueryOptimizer.create(config)) {
                assertThat(optimizer.componentName()).isEqualTo("query");
                assertThat(optimizer.toString()).as("dbopt-pool is on the class path").contains("dbopt pool");
                assertThat(optimizer.dialect().product()).isEqualTo(db.dialect().product());
                assertThat(optimizer.profiler().name()).isEqualTo("seed");
                assertThat(optimizer.profiler().nPlusOneThreshold()).isEqualTo(5);
                assertThat(optimizer.withConnection(QueryOptimizerComponentIT::countBooks)).as(scheme).isEqualTo(12);
                assertThat(optimizer.profiler().statsOf("SELECT count(*) FROM books")).isPresent();
                assertThat(optimizer.cache()).isEmpty();
            }
        }
    }

    @DialectTest
    void inTransactionCommitsOrRollsBackOnProfiledConnections(TestDatabase db) {
        try (QueryOptimizer optimizer = QueryOptimizer.create(seedConfig(seedUrl(db,
                db.testDialect() == TestDialect.POSTGRESQL ? "postgresql" : "mariadb"), Map.of()))) {
            int inserted = optimizer.inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO books VALUES (100, 1, 'committed')"));
            assertThat(inserted).isEqualTo(1);
            assertThatThrownBy(() -> optimizer.inTransaction(c -> {
                Jdbc.update(c, "INSERT INTO books VALUES (101, 1, 'rolled back')");
                throw new IllegalStateException("the application changed its mind");
            })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> optimizer.inTransaction(c -> {
                Jdbc.update(c, "INSERT INTO books VALUES (102, 1, 'rolled back')");
                return Jdbc.update(c, "INSERT INTO books VALUES (100, 1, 'duplicate')");
            })).isInstanceOfSatisfying(DbOptException.class, e -> {
                assertThat(e.errorKind()).contains(ErrorKind.UNIQUE_VIOLATION);
                assertThat(e.sqlState()).isPresent();
            });
            assertThat(optimizer.withConnection(QueryOptimizerComponentIT::countBooks)).isEqualTo(13);
            assertThat(optimizer.withConnection(Connection::getAutoCommit)).isTrue();
            assertThat(optimizer.profiler().statsOf("INSERT INTO books VALUES (1, 1, 'x')"))
                    .hasValueSatisfying(q -> {
                        assertThat(q.executions()).isEqualTo(4);
                        assertThat(q.errors()).isEqualTo(1);
                    });
        }
    }

    @DialectTest
    void metricsAndHealthShowAnNPlusOneLoopInATransaction(TestDatabase db) {
        try (QueryOptimizer optimizer = QueryOptimizer.create(seedConfig(seedUrl(db,
                db.testDialect() == TestDialect.POSTGRESQL ? "postgresql" : "mysql"), Map.of()), db.dataSource())) {
            optimizer.withConnection(QueryOptimizerComponentIT::countBooks);
            Health before = optimizer.healthCheck();
            assertThat(before.status()).isEqualTo(HealthStatus.UP);
            assertThat(before.findings()).isEmpty();
            assertThat(before.details()).containsEntry("statements", 1L).containsEntry("n_plus_one_patterns", 0);

            assertThat(optimizer.inTransaction(Bookshelf::titlesOneByOne)).hasSize(12);

            QueryMetrics metrics = optimizer.metrics();
            assertThat(metrics.statements()).isEqualTo(14);
            assertThat(metrics.nPlusOnePatterns()).isEqualTo(1);
            assertThat(metrics.fingerprints()).isEqualTo(3);
            assertThat(metrics.latency().count()).isEqualTo(14);
            assertThat(metrics.latency().p95()).isPositive();
            assertThat(metrics.cacheHitRatio()).isEmpty();
            assertThat(metrics.values()).containsEntry("statements", 14L).containsEntry("n_plus_one_patterns", 1)
                    .containsKeys("latency_p50_ms", "latency_p99_ms").doesNotContainKey("cache_hit_ratio");

            Health after = optimizer.healthCheck();
            assertThat(after.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(after.findings()).singleElement().satisfies(f -> {
                assertThat(f.check().value()).isEqualTo("query.n-plus-one");
                assertThat(f.object().name()).startsWith(Bookshelf.class.getName() + ".titlesOneByOne(");
                assertThat(f.fix().description()).contains("author_id");
            });
        }
        assertThat(db.queryLong("SELECT count(*) FROM authors")).isEqualTo(12); // the user's data source stays open
    }

    @DialectTest
    void healthDegradesWhenTooManyStatementsAreSlowAndShowsTheCacheHitRatio(TestDatabase db) {
        DbOptConfig config = seedConfig(seedUrl(db, db.testDialect() == TestDialect.POSTGRESQL ? "postgresql"
                : "mariadb"), Map.of("query.slow_query_threshold", "0ms", "query.health_min_statements", 3,
                "cache", Map.of("enabled", true, "name", "books-cache", "ttl", "1m")));
        try (QueryOptimizer optimizer = QueryOptimizer.create(config)) {
            QueryCacheAccess cache = new QueryCacheAccess(optimizer);
            assertThat(optimizer.healthCheck().status()).isEqualTo(HealthStatus.UP);
            cache.titleOf(3);
            cache.titleOf(3);
            assertThat(optimizer.healthCheck().status()).as("two statements are too few to judge")
                    .isEqualTo(HealthStatus.UP);
            cache.titleOf(4);
            cache.titleOf(5);

            Health health = optimizer.healthCheck();
            assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(health.findings()).extracting(f -> f.check().value()).containsExactly("query.slow-share");
            assertThat(health.details()).containsEntry("slow_statements", 3L).containsEntry("cache_hit_ratio", 0.25);
            QueryMetrics metrics = optimizer.metrics();
            assertThat(metrics.cacheRequests()).isEqualTo(4);
            assertThat(metrics.values()).containsEntry("cache_hit_ratio", 0.25).containsEntry("cache_requests", 4L);
        }
    }

    /** Reads through the optimizer's cache, on its profiled data source. */
    private record QueryCacheAccess(QueryOptimizer optimizer) {
        String titleOf(int book) {
            return optimizer.cache().orElseThrow().query(optimizer.dataSource(),
                    "SELECT title FROM books WHERE id = ?", book).row(0).getString("title");
        }
    }

    @DialectTest
    void closeClosesWhatItOpenedAndReportsDown(TestDatabase db) {
        QueryOptimizer optimizer = QueryOptimizer.create(seedConfig(seedUrl(db,
                db.testDialect() == TestDialect.POSTGRESQL ? "postgresql" : "mysql"), Map.of()));
        optimizer.close();
        optimizer.close();
        assertThat(optimizer.healthCheck().status()).isEqualTo(HealthStatus.DOWN);
        assertThat(optimizer.healthCheck().details()).containsEntry("error", "closed");
    }
}
