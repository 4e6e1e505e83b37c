package io.dbopt.bench.pool;

import com.vladmihalcea.flexypool.FlexyPoolDataSource;
import com.vladmihalcea.flexypool.adaptor.HikariCPPoolAdapter;
import com.vladmihalcea.flexypool.config.FlexyPoolConfiguration;
import com.vladmihalcea.flexypool.strategy.IncrementPoolOnTimeoutConnectionAcquisitionStrategy;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.pool.ConnectionPoolManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * through bare HikariCP, dbopt's pool with its defaults (leak detection at 60 s, the background connection check
 * every 30 s, counters and timing; no meter registry), dbopt's pool recording into a Micrometer registry, and
 * FlexyPool over HikariCP, side by side in one run. Every pool holds {@value #POOL_SIZE} connections, as many as the
 * most threads measured, so the cycle measures the pool, not waiting. Run it with {@link PoolBenchmarkMain}, which
 * prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolBenchmark {

    static final int POOL_SIZE = 16;

    @Param({"hikari", "dbopt", "dbopt-meters", "flexy"})
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
                        .poolSize(POOL_SIZE).maxOverflow(0).build();
                dataSource = m.dataSource();
                closer = m;
            }
            case "dbopt-meters" -> {
                ConnectionPoolManager m = ConnectionPoolManager.builder().jdbcUrl(StubDriver.URL).poolName("bench")
                        .poolSize(POOL_SIZE).maxOverflow(0).meterRegistry(new SimpleMeterRegistry()).build();
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
                    f.close();
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
