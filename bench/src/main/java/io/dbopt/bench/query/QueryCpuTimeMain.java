package io.dbopt.bench.query;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The statement cycle of {@link ProfilerOverheadBenchmark} (borrow, prepare, bind, execute, read one row, close over
 * HikariCP on the stub driver) timed in <em>CPU time of the measuring thread</em> instead of wall-clock time, for
 * machines too busy for JMH's figures: time the thread spends preempted is not counted, so the layers can still be
 * compared while other work runs (cache and frequency effects of that work remain). The layers run in turns, round
 * after round, so that drifts of the machine hit them alike; the median of the rounds is printed, with the
 * nanoseconds each layer adds to bare HikariCP, and the bytes the measuring thread allocated per statement
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}, a figure the machine's load does not change;
 * median of the rounds, with what each layer allocates beyond bare HikariCP).
 *
 * <pre>
 * java [-Dbench.transactions=true] -cp bench/target/benchmarks.jar io.dbopt.bench.query.QueryCpuTimeMain \
 *     [rounds] [statements per round]
 * </pre>
 *
 * <p>With {@code -Dbench.transactions=true} every borrow runs its statement in a transaction
 * ({@code setAutoCommit(false)}, the statement, {@code commit}, {@code setAutoCommit(true)}), the shape of an ORM's
 * unit of work.</p>
 */
public final class QueryCpuTimeMain {

    private static final boolean TRANSACTIONS = Boolean.getBoolean("bench.transactions");

    private QueryCpuTimeMain() {
    }

    public static void main(String[] args) throws SQLException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long self = Thread.currentThread().getId();
        Map<String, HikariDataSource> pools = new LinkedHashMap<>();
        Map<String, DataSource> layers = new LinkedHashMap<>();
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        Map<String, List<Double>> bytes = new LinkedHashMap<>();
        try {
            for (String layer : Layers.ALL) {
                HikariConfig config = new HikariConfig();
                config.setDataSource(StubDataSource.create());
                config.setMaximumPoolSize(4);
                config.setMinimumIdle(4);
                config.setPoolName("cpu-" + layer);
                HikariDataSource pool = new HikariDataSource(config);
                pools.put(layer, pool);
                layers.put(layer, Layers.wrap(layer, pool));
                nanos.put(layer, new ArrayList<>());
                bytes.put(layer, new ArrayList<>());
            }
            for (int warmup = 0; warmup < 3; warmup++) {
                for (DataSource ds : layers.values()) {
                    cycles(ds, perRound);
                }
            }
            long sink = 0;
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, DataSource> layer : layers.entrySet()) {
                    long allocated = allocation.getThreadAllocatedBytes(self);
                    long start = threads.getCurrentThreadCpuTime();
                    sink += cycles(layer.getValue(), perRound);
                    nanos.get(layer.getKey()).add((threads.getCurrentThreadCpuTime() - start) / (double) perRound);
                    bytes.get(layer.getKey()).add((allocation.getThreadAllocatedBytes(self) - allocated)
                            / (double) perRound);
                }
            }
            print(nanos, rounds, perRound, sink);
            printBytes(bytes);
        } finally {
            pools.values().forEach(HikariDataSource::close);
        }
    }

    private static long cycles(DataSource dataSource, int count) throws SQLException {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement(ProfilerOverheadBenchmark.SQL)) {
                if (TRANSACTIONS) {
                    c.setAutoCommit(false);
                }
                ps.setLong(1, i & 1023);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sum += rs.getLong(1);
                    }
                }
                if (TRANSACTIONS) {
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
        }
        return sum;
    }

    private static void printBytes(Map<String, List<Double>> bytes) {
        System.out.printf("%nBytes allocated by the measuring thread per statement, median of the rounds%n");
        System.out.printf("%-18s %12s %16s%n", "layer", "median", "added (median)");
        double bare = median(bytes.get("bare"));
        for (Map.Entry<String, List<Double>> layer : bytes.entrySet()) {
            double m = median(layer.getValue());
            System.out.printf("%-18s %12.1f %16.1f%n", layer.getKey(), m, m - bare);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(Map<String, List<Double>> nanos, int rounds, int perRound, long sink) {
        System.out.printf("Statement cycle on the stub driver%s, CPU ns per statement, median of %d rounds of %,d "
                + "(checksum %d)%n", TRANSACTIONS ? " (each in a transaction)" : "", rounds, perRound, sink);
        System.out.printf("%-18s %12s %12s %12s %16s%n", "layer", "median", "min", "max", "added (median)");
        double bare = median(nanos.get("bare"));
        for (Map.Entry<String, List<Double>> layer : nanos.entrySet()) {
            List<Double> v = layer.getValue();
            double m = median(v);
            System.out.printf("%-18s %12.1f %12.1f %12.1f %16.1f%n", layer.getKey(), m,
                    v.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    v.stream().mapToDouble(Double::doubleValue).max().orElse(0), m - bare);
        }
    }
}
