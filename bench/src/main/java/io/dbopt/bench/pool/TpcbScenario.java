package io.dbopt.bench.pool;

import com.vladmihalcea.flexypool.FlexyPoolDataSource;
import com.vladmihalcea.flexypool.adaptor.HikariCPPoolAdapter;
import com.vladmihalcea.flexypool.config.FlexyPoolConfiguration;
import com.vladmihalcea.flexypool.strategy.IncrementPoolOnTimeoutConnectionAcquisitionStrategy;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.SizingPolicy;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * Closed-loop TPC-B-like transactions (pgbench's five statements) through JDBC against local PostgreSQL, with 4, 16
 * and 64 client threads: fixed pool sizes 2..32, dbopt's adaptive pool (2 + 30 overflow) and FlexyPool growing
 * HikariCP on acquire timeouts (2 + 30), then a spike phase (4 -> 64 -> 4 threads) on one pool each. Each steady run
 * gets a fresh pool, a warm-up (5 s, or 10 s with {@code --long}; the adaptive pool settles in it) and a measured
 * phase (5 s, or 20 s). Prints TPS and p99 per configuration and the adaptive pool against the best fixed size (the
 * smallest within 5 % of the peak TPS). The database comes from the testkit (a throwaway database on the local
 * server, dropped at the end).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.pool.TpcbScenario [--long]
 * </pre>
 */
public final class TpcbScenario {

    private static final int BRANCHES = 8;
    private static final int ACCOUNTS_PER_BRANCH = 10_000;
    private static final int[] FIXED = {2, 4, 8, 16, 32};
    private static final int[] THREADS = {4, 16, 64};

    private final TestDatabase db;
    private final Duration warmup;
    private final Duration measure;

    private TpcbScenario(TestDatabase db, Duration warmup, Duration measure) {
        this.db = db;
        this.warmup = warmup;
        this.measure = measure;
    }

    public static void main(String[] args) throws Exception {
        boolean longRun = args.length > 0 && args[0].equals("--long");
        BenchLogging.quiet();
        try (TestDatabase db = TestDatabases.create(TestDialect.POSTGRESQL, "tpcb")) {
            TpcbScenario s = new TpcbScenario(db, Duration.ofSeconds(longRun ? 10 : 5),
                    Duration.ofSeconds(longRun ? 20 : 5));
            s.load();
            s.run();
        }
    }

    /** A pool under test: its data source, how big it is now, and how to close it. */
    private record Pool(String name, DataSource dataSource, IntSupplier size, AutoCloseable closer) {
    }

    /** What one measured phase gave. */
    private record Result(double tps, double p99Millis, int finalSize, long errors) {
    }

    private void load() throws SQLException {
        db.execute("CREATE TABLE tpcb_branches (bid int PRIMARY KEY, bbalance int NOT NULL, filler char(88))",
                "CREATE TABLE tpcb_tellers (tid int PRIMARY KEY, bid int NOT NULL, tbalance int NOT NULL, "
                        + "filler char(84))",
                "CREATE TABLE tpcb_accounts (aid int PRIMARY KEY, bid int NOT NULL, abalance int NOT NULL, "
                        + "filler char(84))",
                "CREATE TABLE tpcb_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))",
                "INSERT INTO tpcb_branches SELECT b, 0, '' FROM generate_series(1, " + BRANCHES + ") b",
                "INSERT INTO tpcb_tellers SELECT t, (t - 1) / 10 + 1, 0, '' FROM generate_series(1, " + BRANCHES * 10
                        + ") t",
                "INSERT INTO tpcb_accounts SELECT a, (a - 1) / " + ACCOUNTS_PER_BRANCH + " + 1, 0, '' "
                        + "FROM generate_series(1, " + BRANCHES * ACCOUNTS_PER_BRANCH + ") a",
                "VACUUM ANALYZE");
    }

    private void run() throws Exception {
        Map<String, Map<Integer, Result>> table = new LinkedHashMap<>();
        for (int threads : THREADS) {
            for (int size : FIXED) {
                record(table, "fixed-" + size, threads, steady(fixed(size), threads));
            }
            record(table, "adaptive", threads, steady(adaptive(), threads));
            record(table, "flexy", threads, steady(flexy(), threads));
        }
        printSteady(table);
        printSpike();
    }

    private static void record(Map<String, Map<Integer, Result>> table, String pool, int threads, Result r) {
        table.computeIfAbsent(pool, k -> new LinkedHashMap<>()).put(threads, r);
        System.out.printf("  %-10s %3d threads: %8.0f tps, p99 %7.2f ms, size %2d, errors %d%n", pool, threads,
                r.tps(), r.p99Millis(), r.finalSize(), r.errors());
    }

    private Result steady(Pool pool, int threads) throws Exception {
        try (AutoCloseable closing = pool.closer()) {
            drive(pool, threads, warmup);
            return drive(pool, threads, measure);
        }
    }

    private Pool fixed(int size) {
        ConnectionPoolManager m = base("fixed-" + size).poolSize(size).maxOverflow(0).build();
        return new Pool("fixed-" + size, m.dataSource(), () -> m.metrics().max(), m);
    }

    private Pool adaptive() {
        ConnectionPoolManager m = base("adaptive").poolSize(2).maxOverflow(30)
                .adaptiveSizing(SizingPolicy.builder().shrinkAfter(Duration.ofSeconds(10)).build()).build();
        return new Pool("adaptive", m.dataSource(), () -> m.metrics().max(), m);
    }

    private ConnectionPoolManager.Builder base(String name) {
        String url = db.jdbcUrl().replaceAll("\\?.*$", "");
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().jdbcUrl(url).username(db.user())
                .poolName("tpcb-" + name).applicationName("tpcb-" + name).socketTimeout(Duration.ofSeconds(60))
                .healthCheckInterval(Duration.ZERO);
        return db.password().isEmpty() ? b : b.password(db.password());
    }

    private Pool flexy() {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(db.jdbcUrl());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setPoolName("tpcb-flexy");
        hc.setMaximumPoolSize(2);
        hc.setMinimumIdle(2);
        hc.setConnectionTimeout(250);
        HikariDataSource h = new HikariDataSource(hc);
        FlexyPoolDataSource<HikariDataSource> f = new FlexyPoolDataSource<>(
                new FlexyPoolConfiguration.Builder<>("tpcb-flexy", h, HikariCPPoolAdapter.FACTORY).build(),
                new IncrementPoolOnTimeoutConnectionAcquisitionStrategy.Factory<>(30));
        f.start();
        return new Pool("flexy", f, h::getMaximumPoolSize, () -> {
            f.stop();
            f.close();
            h.close();
        });
    }

    /** Runs {@code threads} closed-loop clients for {@code length}. */
    private Result drive(Pool pool, int threads, Duration length) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLongArray buckets = new AtomicLongArray(64 * 8);
        long[] counts = new long[2];
        Object lock = new Object();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            loops.add(clients.submit(() -> {
                long done = 0;
                long errors = 0;
                while (running.get()) {
                    long t0 = System.nanoTime();
                    try {
                        transaction(pool.dataSource());
                        done++;
                        buckets.incrementAndGet(bucket(System.nanoTime() - t0));
                    } catch (SQLException e) {
                        errors++;
                    }
                }
                synchronized (lock) {
                    counts[0] += done;
                    counts[1] += errors;
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(length.toNanos());
        running.set(false);
        for (Future<?> f : loops) {
            f.get(2, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        return new Result(counts[0] / seconds, percentile(buckets, counts[0], 0.99) / 1e6, pool.size().getAsInt(),
                counts[1]);
    }

    private static void transaction(DataSource ds) throws SQLException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int aid = r.nextInt(1, BRANCHES * ACCOUNTS_PER_BRANCH + 1);
        int tid = r.nextInt(1, BRANCHES * 10 + 1);
        int bid = r.nextInt(1, BRANCHES + 1);
        int delta = r.nextInt(-5000, 5001);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                update(c, "UPDATE tpcb_accounts SET abalance = abalance + ? WHERE aid = ?", delta, aid);
                try (PreparedStatement ps = c.prepareStatement("SELECT abalance FROM tpcb_accounts WHERE aid = ?")) {
                    ps.setInt(1, aid);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
                update(c, "UPDATE tpcb_tellers SET tbalance = tbalance + ? WHERE tid = ?", delta, tid);
                update(c, "UPDATE tpcb_branches SET bbalance = bbalance + ? WHERE bid = ?", delta, bid);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tpcb_history (tid, bid, aid, delta, mtime) "
                        + "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                    ps.setInt(1, tid);
                    ps.setInt(2, bid);
                    ps.setInt(3, aid);
                    ps.setInt(4, delta);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void update(Connection c, String sql, int delta, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, delta);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }

    /** Eight log-linear buckets per power of two, as in dbopt's own histogram. */
    private static int bucket(long nanos) {
        long v = Math.max(1, nanos);
        int msb = 63 - Long.numberOfLeadingZeros(v);
        if (msb < 3) {
            return (int) v;
        }
        return (msb - 2) * 8 + (int) ((v >>> (msb - 3)) & 7);
    }

    private static double percentile(AtomicLongArray buckets, long total, double q) {
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank && rank > 0) {
                if (i < 8) {
                    return i;
                }
                int msb = i / 8 - 1 + 3;
                long lower = (8L + i % 8) << (msb - 3);
                return lower + (1L << (msb - 3));
            }
        }
        return 0;
    }

    private static void printSteady(Map<String, Map<Integer, Result>> table) {
        System.out.println();
        System.out.println("TPC-B-like, closed loop, local PostgreSQL: TPS (p99 ms) [final pool size]");
        System.out.printf("%-10s", "pool");
        for (int t : THREADS) {
            System.out.printf(" %26s", t + " threads");
        }
        System.out.println();
        table.forEach((pool, byThreads) -> {
            System.out.printf("%-10s", pool);
            for (int t : THREADS) {
                Result r = byThreads.get(t);
                System.out.printf(" %10.0f (%6.1f) [%2d]   ", r.tps(), r.p99Millis(), r.finalSize());
            }
            System.out.println();
        });
        System.out.println();
        System.out.println("adaptive and flexy against the best fixed size, the smallest within 5 % of the peak TPS "
                + "(goal: adaptive size within +-1, TPS >= 0.95x of the peak, p99 <= 1.1x)");
        for (int t : THREADS) {
            // the best fixed size is the smallest within 5 % of the highest TPS: past the knee more is noise
            double peak = 0;
            for (int size : FIXED) {
                peak = Math.max(peak, table.get("fixed-" + size).get(t).tps());
            }
            String best = null;
            Result bestResult = null;
            for (int size : FIXED) {
                Result r = table.get("fixed-" + size).get(t);
                if (bestResult == null && r.tps() >= peak * 0.95) {
                    best = "fixed-" + size;
                    bestResult = r;
                }
            }
            for (String contender : new String[] {"adaptive", "flexy"}) {
                Result r = table.get(contender).get(t);
                int sizeGap = r.finalSize() - bestResult.finalSize();
                double tpsRatio = r.tps() / peak;
                double p99Ratio = r.p99Millis() / bestResult.p99Millis();
                System.out.printf("%3d threads: best %-8s %-8s size %2d (%+d), TPS %.2fx, p99 %.2fx  %s%n", t, best,
                        contender, r.finalSize(), sizeGap, tpsRatio, p99Ratio,
                        Math.abs(sizeGap) <= 1 && tpsRatio >= 0.95 && p99Ratio <= 1.1 ? "meets the goal"
                                : "falls short");
            }
        }
    }

    private void printSpike() throws Exception {
        System.out.println();
        System.out.println("Spike: 4 -> 64 -> 4 threads on one pool: TPS (p99 ms) [size at the end of the phase]");
        Pool[] pools = {fixed(8), adaptive(), flexy()};
        for (Pool pool : pools) {
            try (AutoCloseable closing = pool.closer()) {
                drive(pool, 4, warmup);
                StringBuilder line = new StringBuilder(String.format("%-10s", pool.name()));
                for (int threads : new int[] {4, 64, 4}) {
                    Result r = drive(pool, threads, measure);
                    line.append(String.format(" %8.0f (%6.1f) [%2d]", r.tps(), r.p99Millis(), r.finalSize()));
                }
                System.out.println(line);
            }
        }
    }

}
