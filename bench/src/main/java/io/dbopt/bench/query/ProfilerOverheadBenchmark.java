package io.dbopt.bench.query;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * The cost a profiling layer adds to one statement cycle (borrow a connection, prepare, bind, execute, read one
 * row, close all) over HikariCP on a stub driver that does nothing: bare HikariCP, dbopt's profiler,
 * datasource-proxy with a no-op listener and P6Spy with logging off, side by side. Run it with
 * {@link QueryBenchmarkMain}, which prints ratios and nanoseconds added.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProfilerOverheadBenchmark {

    static final String SQL = "SELECT name FROM items WHERE id = ?";

    @Param({"bare", "dbopt", "datasource-proxy", "p6spy"})
    public String layer;

    private HikariDataSource pool;
    private DataSource dataSource;
    private long id;

    @Setup
    public void setUp() {
        HikariConfig config = new HikariConfig();
        config.setDataSource(StubDataSource.create());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        config.setPoolName("bench-" + layer);
        pool = new HikariDataSource(config);
        dataSource = Layers.wrap(layer, pool);
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public long statementCycle() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setLong(1, ++id & 1023);
            long sum = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sum += rs.getLong(1);
                }
            }
            return sum;
        }
    }
}
