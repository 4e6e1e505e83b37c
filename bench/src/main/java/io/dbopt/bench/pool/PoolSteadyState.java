package io.dbopt.bench.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.dbopt.pool.ConnectionPoolManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * One pool on the stub driver, {@code threads} threads running {@link PoolBenchmark}'s getConnection + close or
 * statement cycle for {@code seconds} seconds, printed second by second: throughput, the CPU time of the borrowing
 * threads per operation (no JIT, GC or pool background threads), the CPU time of the pool's own background threads
 * per operation (dbopt's monitor, which brings the meters up to date, and HikariCP's housekeeper), how many borrows
 * dbopt timed (each one a duration its monitor records again into a registry's two timers) and the share of 1 ms
 * samples in which HikariCP had a thread waiting for a connection. Then the medians of the second half of the run
 * (the timed borrows: their sum), when the JIT has long finished
 * with the path, so that a pool's steady cost can be told from how fast the JIT got to it, which at 16 threads on 2
 * cores varies from run to run by more than the pools differ. Run it for each pool in turn, alternating.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.pool.PoolSteadyState hikari|dbopt|dbopt-meters THREADS
 *     SECONDS conn|stmt
 * </pre>
 */
public final class PoolSteadyState {

    private static volatile boolean stop;

    private PoolSteadyState() {
    }

    public static void main(String[] args) throws Exception {
        String pool = args[0];
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        boolean statements = args[3].equals("stmt");
        BenchLogging.quiet();
        StubDriver.register();
        DataSource ds;
        AutoCloseable closer;
        ConnectionPoolManager manager = null;
        if (pool.equals("hikari")) {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(StubDriver.URL);
            hc.setPoolName("bare");
            hc.setMaximumPoolSize(PoolBenchmark.POOL_SIZE);
            hc.setMinimumIdle(PoolBenchmark.POOL_SIZE);
            HikariDataSource h = new HikariDataSource(hc);
            ds = h;
            closer = h;
        } else {
            ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().jdbcUrl(StubDriver.URL)
                    .poolName("bench").poolSize(PoolBenchmark.POOL_SIZE).maxOverflow(0);
            if (pool.equals("dbopt-meters")) {
                b.meterRegistry(new SimpleMeterRegistry());
            }
            ConnectionPoolManager m = b.build();
            ds = m.dataSource();
            closer = m;
            manager = m;
        }
        HikariPoolMXBean hikari = ds.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        Thread.sleep(500);
        LongAdder ops = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> run(ds, statements, ops), "borrower-" + i);
            workers.add(t);
            t.start();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Long> poolThreads = poolThreadIds();
        List<double[]> rows = new ArrayList<>();
        long lastOps = 0;
        long lastCpu = 0;
        long lastPoolCpu = 0;
        long lastTimed = 0;
        for (int s = 0; s < seconds; s++) {
            int waiting = 0;
            int samples = 0;
            long end = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < end) {
                if (hikari.getThreadsAwaitingConnection() > 0) {
                    waiting++;
                }
                samples++;
                Thread.sleep(1);
            }
            long cpu = 0;
            for (Thread t : workers) {
                cpu += mx.getThreadCpuTime(t.getId());
            }
            long poolCpu = cpuOf(mx, poolThreads);
            long timed = manager == null ? 0 : manager.metrics().acquireTime().count();
            long o = ops.sum();
            double[] row = {(o - lastOps) / 1e6, (double) (cpu - lastCpu) / Math.max(1, o - lastOps),
                100.0 * waiting / samples, (double) (poolCpu - lastPoolCpu) / Math.max(1, o - lastOps),
                timed - lastTimed};
            rows.add(row);
            System.out.printf("%s threads=%d second=%d ops/us=%.3f borrowers' CPU ns/op=%.0f pool threads' CPU "
                    + "ns/op=%.2f timed borrows=%.0f waiting=%.1f%%%n", pool, threads, s, row[0], row[1], row[3],
                    row[4], row[2]);
            lastTimed = timed;
            lastOps = o;
            lastCpu = cpu;
            lastPoolCpu = poolCpu;
        }
        stop = true;
        for (Thread t : workers) {
            t.join();
        }
        closer.close();
        List<double[]> late = rows.subList(seconds / 2, seconds);
        System.out.printf("%s threads=%d %s, seconds %d-%d: median ops/us=%.3f, median borrowers' CPU ns/op=%.0f, "
                + "median pool threads' CPU ns/op=%.2f, timed borrows (dbopt) %.0f, most waiting=%.1f%%%n", pool,
                threads, statements ? "statement cycle" : "getConnection + close", seconds / 2, seconds - 1,
                median(late, 0), median(late, 1), median(late, 3), late.stream().mapToDouble(r -> r[4]).sum(),
                late.stream().mapToDouble(r -> r[2]).max().orElse(0));
    }

    /** The pool's own threads (named after it, {@link CpuTimeProfiler#isPoolThread}), found once after its start. */
    private static List<Long> poolThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> CpuTimeProfiler.isPoolThread(t.getName()))
                .map(Thread::getId).toList();
    }

    private static long cpuOf(ThreadMXBean mx, List<Long> ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, mx.getThreadCpuTime(id));
        }
        return sum;
    }

    private static void run(DataSource ds, boolean statements, LongAdder ops) {
        try {
            while (!stop) {
                if (statements) {
                    try (Connection c = ds.getConnection();
                         PreparedStatement ps = c.prepareStatement("SELECT 1");
                         ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            throw new IllegalStateException("the stub returned a row");
                        }
                    }
                } else {
                    try (Connection c = ds.getConnection()) {
                        if (c == null) {
                            throw new IllegalStateException("no connection");
                        }
                    }
                }
                ops.increment();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2]
                : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
