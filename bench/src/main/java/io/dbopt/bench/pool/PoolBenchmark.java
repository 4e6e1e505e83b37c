package io.dbopt.bench.pool;

import com.vladmihalcea.flexypool.FlexyPoolDataSource;
import com.vladmihalcea.flexypool.adaptor.HikariCPPoolAdapter;
import com.vladmihalcea.flexypool.config.FlexyPoolConfiguration;
import com.vladmihalcea.flexypool.strategy.IncrementPoolOnTimeoutConnectionAcquisitionStrategy;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.pool.ConnectionPoolManager;
import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Pool overhead on a stub driver: a getConnection/close cycle and a statement cycle (prepare, execute, read, close)
 * through bare HikariCP, dbopt's pool (its defaults: bookkeeping, leak detection, health monitor) and FlexyPool
 * over HikariCP, side by side in one run. Run it with {@link PoolBenchmarkMain}, which prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolBenchmark {

    private static final int POOL_SIZE = 8;

    @Param({"hikari", "dbopt", "flexy"})
    public String pool;

    private DataSource dataSource;
    private AutoCloseable closer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BenchLogging.quiet();
        StubDriver.register();
        switch (pool) {
            case "hikari" -> {
                HikariDataSource h = hikari("bare");
                dataSource = h;
                closer = h;
            }
            case "dbopt" -> {
                ConnectionPoolManager m = ConnectionPoolManager.builder().jdbcUrl(StubDriver.URL).poolName("bench")
                        .poolSize(POOL_SIZE).maxOverflow(0).healthCheckInterval(Duration.ZERO).build();
                dataSource = m.dataSource();
                closer = m;
            }
            case "flexy" -> {
                HikariDataSource h = hikari("flexy");
                FlexyPoolDataSource<HikariDataSource> f = new FlexyPoolDataSource<>(
                        new FlexyPoolConfiguration.Builder<>("flexy", h, HikariCPPoolAdapter.FACTORY).build(),
                        new IncrementPoolOnTimeoutConnectionAcquisitionStrategy.Factory<>(POOL_SIZE));
                f.start();
                dataSource = f;
                closer = () -> {
                    f.stop();
                    closeQuietly(f);
                    h.close();
                };
            }
            default -> throw new IllegalArgumentException("unknown pool " + pool);
        }
    }

    private static HikariDataSource hikari(String name) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(StubDriver.URL);
        hc.setPoolName(name);
        hc.setMaximumPoolSize(POOL_SIZE);
        hc.setMinimumIdle(POOL_SIZE);
        return new HikariDataSource(hc);
    }

    private static void closeQuietly(Closeable c) throws IOException {
        c.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        closer.close();
    }

    @Benchmark
    public void getConnectionClose(Blackhole bh) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            bh.consume(c);
        }
    }

    @Benchmark
    public void statementCycle(Blackhole bh) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1");
             ResultSet rs = ps.executeQuery()) {
            bh.consume(rs.next());
        }
    }
}
