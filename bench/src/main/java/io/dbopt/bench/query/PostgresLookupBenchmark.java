package io.dbopt.bench.query;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A primary-key lookup on a real PostgreSQL (the testkit's server: {@code DBOPT_TEST_POSTGRES_URL} or the local
 * one) through HikariCP, with each profiling layer; a throwaway database of 10,000 rows, dropped afterwards. Run it
 * with {@link QueryBenchmarkMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PostgresLookupBenchmark {

    private static final int ROWS = 10_000;

    @Param({"bare", "dbopt", "datasource-proxy", "p6spy"})
    public String layer;

    private TestDatabase database;
    private HikariDataSource pool;
    private DataSource dataSource;
    private long id;

    @Setup
    public void setUp() {
        database = TestDatabases.create(TestDialect.POSTGRESQL, "bench-query");
        database.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO items SELECT n, 'item ' || n FROM generate_series(1, " + ROWS + ") n", "ANALYZE items");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(4);
        config.setPoolName("bench-pg-" + layer);
        pool = new HikariDataSource(config);
        dataSource = Layers.wrap(layer, pool);
    }

    @TearDown
    public void tearDown() {
        try {
            pool.close();
        } finally {
            database.close();
        }
    }

    @Benchmark
    public String primaryKeyLookup() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(ProfilerOverheadBenchmark.SQL)) {
            ps.setLong(1, 1 + (++id % ROWS));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
