package io.dbopt.bench.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.LeakCapture;
import io.dbopt.pool.TenantPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
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
 * What each of the pool's features costs per borrow, on the stub driver, one thread, nanoseconds per
 * getConnection/close: bare HikariCP; dbopt with its defaults; dbopt with leak detection and the background check
 * off; with a Micrometer registry; with every borrow's stack captured; through a tenant's data source. The
 * differences to bare HikariCP are the costs docs/pool.md lists.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar PoolFeatureBenchmark -f 3 -wi 3 -w 1 -i 5 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PoolFeatureBenchmark {

    @Param({"hikari", "dbopt", "no-leak-detection", "meters", "capture-always", "tenant"})
    public String variant;

    private DataSource dataSource;
    private AutoCloseable closer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BenchLogging.quiet();
        StubDriver.register();
        if (variant.equals("hikari")) {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(StubDriver.URL);
            hc.setMaximumPoolSize(PoolBenchmark.POOL_SIZE);
            hc.setMinimumIdle(PoolBenchmark.POOL_SIZE);
            HikariDataSource h = new HikariDataSource(hc);
            dataSource = h;
            closer = h;
            return;
        }
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().jdbcUrl(StubDriver.URL).poolName("bench")
                .poolSize(PoolBenchmark.POOL_SIZE).maxOverflow(0);
        switch (variant) {
            case "no-leak-detection" -> b.leakDetectionThreshold(Duration.ZERO).healthCheckInterval(Duration.ZERO);
            case "meters" -> b.meterRegistry(new SimpleMeterRegistry());
            case "capture-always" -> b.leakCapture(LeakCapture.ALWAYS);
            case "tenant" -> b.tenants(TenantPolicy.builder().defaultShare(1.0).build());
            default -> {
                // dbopt's defaults
            }
        }
        ConnectionPoolManager m = b.build();
        dataSource = variant.equals("tenant") ? m.dataSource("acme") : m.dataSource();
        closer = m;
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
}
