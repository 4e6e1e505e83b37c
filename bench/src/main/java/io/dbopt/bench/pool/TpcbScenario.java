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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * Closed-loop TPC-B-like transactions (pgbench's five statements) through JDBC against local PostgreSQL, in rounds.
 * Each round, for 4, 16 and 64 client threads: a sweep of fixed dbopt pools (2 to 32 connections) finds the best
 * fixed size (the smallest within 5 % of the highest TPS), then dbopt's adaptive pool (pool_size 2 + max_overflow 30),
 * bare HikariCP with its default size (10) and bare HikariCP sized by the seed's configuration (pool_size 10 +
 * max_overflow 20: minimumIdle 10, maximumPoolSize 30) run the same load; then a spike (4 -> 64 -> 4 threads on one
 * pool) for every fixed size and every contender. Each steady run gets a fresh pool, a warm-up (the adaptive pool
 * starts at 2 and settles in it) and a measured phase. The adaptive pool's size is sampled every 100 ms from its
 * start, which gives how long it takes to come within one connection of the round's best fixed size. Prints every
 * run, each round's ratios and, at the end, the medians over the rounds. The database comes from the testkit (a
 * throwaway database on the local server, dropped at the end). Within a round the contenders run in an order rotated
 * per round and thread count and reversed every other round (the spike's too), so a slow window of the machine does
 * not always fall on the same ones and no contender always follows the same one. Before every run, as pgbench does
 * between runs, the history table is truncated, branches and tellers are vacuumed, and a CHECKPOINT is taken, so
 * the dead rows and dirty pages one run leaves do not slow the next.
 * {@code --log-sizing} logs the adaptive pool's resizes and prints every run's size and throughput per 500 ms.
 * After each thread count's sweep a confirmation pair (the best fixed size and the adaptive pool once more, back to
 * back; {@code --no-confirm} skips it) measures the best size's TPS without the sweep's selection bias.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.pool.TpcbScenario [--rounds 3] [--warmup 5] [--measure 5]
 *     [--threads 4,16,64] [--sizes 2,4,6,8,12,16,24,32] [--no-spike] [--flexy] [--log-sizing] [--no-confirm]
 * </pre>
 */
public final class TpcbScenario {

    private static final int BRANCHES = 8;
    private static final int ACCOUNTS_PER_BRANCH = 10_000;
    private static final int[] SPIKE = {4, 64, 4};

    private final TestDatabase db;
    private final Duration warmup;
    private final Duration measure;
    private final int[] threads;
    private final int[] sizes;
    private final boolean spike;
    private final boolean flexy;
    private final boolean timeline;
    private final boolean confirm;

    private TpcbScenario(TestDatabase db, String[] args) {
        this.db = db;
        this.warmup = Duration.ofSeconds(intArg(args, "--warmup", 5));
        this.measure = Duration.ofSeconds(intArg(args, "--measure", 5));
        this.threads = intsArg(args, "--threads", "4,16,64");
        this.sizes = intsArg(args, "--sizes", "2,4,6,8,12,16,24,32");
        this.spike = !Arrays.asList(args).contains("--no-spike");
        this.flexy = Arrays.asList(args).contains("--flexy");
        this.timeline = Arrays.asList(args).contains("--log-sizing");
        this.confirm = !Arrays.asList(args).contains("--no-confirm");
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        if (Arrays.asList(args).contains("--log-sizing")) {
            BenchLogging.sizing();
        }
        int rounds = intArg(args, "--rounds", 3);
        try (TestDatabase db = TestDatabases.create(TestDialect.POSTGRESQL, "tpcb")) {
            TpcbScenario s = new TpcbScenario(db, args);
            s.load();
            List<Round> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("%n== round %d of %d%n", round, rounds);
                results.add(s.round(round));
                Report.print(results, s.threads, s.spike);
            }
        }
    }

    /** A pool under test: its data source, how big it may be now, and how to close it. */
    record Pool(String name, DataSource dataSource, IntSupplier size, AutoCloseable closer) {
    }

    /** What one measured phase gave. */
    record Result(double tps, double p99Millis, int finalSize, long errors) {
    }

    /** The adaptive pool's size over time: milliseconds since it started, and the size then. */
    record Trace(List<long[]> points) {
        /** Seconds from the start until the size first came within one of {@code target}, -1 if it never did. */
        double secondsToReach(int target, long fromMillis) {
            for (long[] p : points) {
                if (p[0] >= fromMillis && Math.abs(p[1] - target) <= 1) {
                    return (p[0] - fromMillis) / 1000.0;
                }
            }
            return -1;
        }
    }

    /** One steady run of a contender and its size trace (empty for fixed pools). */
    record Steady(Result result, Trace trace) {
    }

    /**
     * One round: steady results by pool and thread count, spike phases by pool, the adaptive pool's size during the
     * spike and when (milliseconds into that trace) the 64-thread phase began.
     */
    record Round(Map<String, Map<Integer, Steady>> steady, Map<String, List<Result>> spike, Trace spikeTrace,
                 long spikeHighFromMillis, Map<Integer, Confirmation> confirmations) {
    }

    /**
     * The confirmation pair of one thread count: after the sweep, the best fixed size it found and the adaptive pool
     * run once more each, back to back (order alternating by round), on fresh pools. The sweep's peak is the highest
     * of several draws, and where sizes tie (every size from 4 up at 4 threads) that maximum is biased upwards by
     * the selection itself; the re-run of the chosen size is an independent draw of the same size's TPS.
     *
     * @param bestSize the sweep's best fixed size
     * @param best the re-run of that size
     * @param adaptive the adaptive pool's re-run
     */
    record Confirmation(String bestSize, Result best, Result adaptive) {
    }

    private void load() {
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

    /** One contender: its name and how to build a fresh pool of it ({@code fixed-N} for the sweep). */
    private record Contender(String name, java.util.function.Supplier<Pool> pool) {
    }

    /**
     * Every contender of a round in a rotated order: the sweep's fixed sizes, the adaptive pool and the two HikariCP
     * configurations. Rotating by the round and the thread count spreads a slow window of the machine over different
     * contenders instead of always hitting the ones measured last.
     */
    private List<Contender> contenders(int rotation, boolean reversed) {
        List<Contender> all = new ArrayList<>();
        for (int size : sizes) {
            all.add(new Contender("fixed-" + size, () -> fixed(size)));
        }
        all.add(new Contender("adaptive", this::adaptive));
        all.add(new Contender("hikari-10", () -> hikari("hikari-10", 10, 10)));
        all.add(new Contender("seed-10+20", () -> hikari("seed-10+20", 10, 30)));
        if (flexy) {
            all.add(new Contender("flexy", this::flexyPool));
        }
        java.util.Collections.rotate(all, -(rotation % all.size()));
        if (reversed) {
            java.util.Collections.reverse(all);
        }
        return all;
    }

    private Round round(int number) throws Exception {
        Map<String, Map<Integer, Steady>> table = new LinkedHashMap<>();
        Map<Integer, Confirmation> confirmations = new LinkedHashMap<>();
        for (int i = 0; i < threads.length; i++) {
            int t = threads[i];
            for (Contender c : contenders(3 * number + 2 * i, number % 2 == 0)) {
                List<long[]> points = c.name().equals("adaptive") ? new ArrayList<>() : null;
                Result r = steady(c.pool(), t, points);
                record(table, c.name(), t, new Steady(r, points == null ? null : new Trace(points)));
            }
            if (confirm) {
                confirmations.put(t, confirm(Report.bestFixed(table, t), t, (number + i) % 2 == 0));
            }
        }
        Map<String, List<Result>> spikes = new LinkedHashMap<>();
        List<long[]> spikePoints = new ArrayList<>();
        long[] highFrom = new long[1];
        if (spike) {
            Map<String, List<Result>> measured = new java.util.HashMap<>();
            for (Contender c : contenders(3 * number + 1, number % 2 == 0)) {
                boolean adaptive = c.name().equals("adaptive");
                measured.put(c.name(), spike(c.pool(), adaptive ? spikePoints : null,
                        adaptive ? highFrom : new long[1]));
            }
            for (Contender c : contenders(0, false)) { // report in the canonical order
                spikes.put(c.name(), measured.get(c.name()));
            }
            spikes.forEach((name, phases) -> System.out.printf("  spike %-10s %s%n", name, phases.stream()
                    .map(r -> String.format("%6.0f tps p99 %6.1f ms [%2d]", r.tps(), r.p99Millis(), r.finalSize()))
                    .toList()));
        }
        return new Round(table, spikes, new Trace(spikePoints), highFrom[0], confirmations);
    }

    /** The confirmation pair: the sweep's best size and the adaptive pool once more, in the given order. */
    private Confirmation confirm(String best, int threads, boolean bestFirst) throws Exception {
        int size = Integer.parseInt(best.substring("fixed-".length()));
        Result fixedAgain = null;
        Result adaptiveAgain = null;
        for (int turn = 0; turn < 2; turn++) {
            if ((turn == 0) == bestFirst) {
                fixedAgain = steady(() -> fixed(size), threads, null);
            } else {
                adaptiveAgain = steady(this::adaptive, threads, null);
            }
        }
        System.out.printf("  confirm %3d threads: %s %8.0f tps p99 %7.2f ms, adaptive %8.0f tps p99 %7.2f ms "
                        + "(size %d)%n", threads, best, fixedAgain.tps(), fixedAgain.p99Millis(), adaptiveAgain.tps(),
                adaptiveAgain.p99Millis(), adaptiveAgain.finalSize());
        return new Confirmation(best, fixedAgain, adaptiveAgain);
    }

    private static void record(Map<String, Map<Integer, Steady>> table, String pool, int threads, Steady s) {
        table.computeIfAbsent(pool, k -> new LinkedHashMap<>()).put(threads, s);
        Result r = s.result();
        System.out.printf("  %-10s %3d threads: %8.0f tps, p99 %7.2f ms, size %2d, errors %d%n", pool, threads,
                r.tps(), r.p99Millis(), r.finalSize(), r.errors());
    }

    /**
     * What pgbench does before each run (its default, without {@code -n}): truncates the history, vacuums branches and
     * tellers (their rows are updated by every transaction), and, beyond pgbench, takes a CHECKPOINT, so the dead rows
     * and the dirty pages one contender's run leaves are not left for the next one to pay for.
     */
    private void clean() {
        db.execute("TRUNCATE tpcb_history", "VACUUM tpcb_branches", "VACUUM tpcb_tellers", "CHECKPOINT");
    }

    /**
     * After {@link #clean()}, warms up, then measures {@code threads} clients on a fresh pool; samples its size into
     * {@code trace}.
     */
    private Result steady(java.util.function.Supplier<Pool> fresh, int threads, List<long[]> trace) throws Exception {
        clean();
        Pool pool = fresh.get();
        LongAdder done = new LongAdder();
        List<long[]> points = trace != null ? trace : timeline ? new ArrayList<>() : null;
        Result r;
        try (AutoCloseable closing = pool.closer(); SizeSampler sampler = new SizeSampler(pool, points, done)) {
            drive(pool, threads, warmup, done);
            r = drive(pool, threads, measure, done);
        }
        if (timeline) {
            printTimeline(pool.name() + " " + threads + " threads", points);
        }
        return r;
    }

    /**
     * With {@code --log-sizing}: the pool's size and throughput in every 500 ms since it started (the sampler's
     * 100 ms points grouped by five), to see where a run lost its transactions.
     */
    private static void printTimeline(String what, List<long[]> points) {
        StringBuilder line = new StringBuilder("    timeline " + what + " (size:tps per 500 ms):");
        synchronized (points) {
            for (int i = 5; i < points.size(); i += 5) {
                long[] a = points.get(i - 5);
                long[] b = points.get(i);
                double tps = (b[2] - a[2]) * 1000.0 / Math.max(1, b[0] - a[0]);
                line.append(String.format(" %d:%.0f", b[1], tps));
            }
        }
        System.out.println(line);
    }

    /**
     * After {@link #clean()}, 4 threads (warm-up), then 4, 64 and 4 threads, each measured; the size trace starts with
     * the first measured phase, and {@code highFrom[0]} is set to when (in the trace's milliseconds) the 64-thread
     * phase began.
     */
    private List<Result> spike(java.util.function.Supplier<Pool> fresh, List<long[]> trace, long[] highFrom)
            throws Exception {
        clean();
        Pool pool = fresh.get();
        LongAdder done = new LongAdder();
        List<long[]> points = trace != null ? trace : timeline ? new ArrayList<>() : null;
        List<Result> phases = new ArrayList<>();
        try (AutoCloseable closing = pool.closer()) {
            drive(pool, SPIKE[0], warmup, done);
            try (SizeSampler sampler = new SizeSampler(pool, points, done)) {
                for (int i = 0; i < SPIKE.length; i++) {
                    if (i == 1) {
                        highFrom[0] = sampler.millis();
                    }
                    phases.add(drive(pool, SPIKE[i], measure, done));
                }
            }
        }
        if (timeline) {
            printTimeline(pool.name() + " spike", points);
        }
        return phases;
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
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder().jdbcUrl(url()).username(db.user())
                .poolName("tpcb-" + name).applicationName("tpcb-" + name).socketTimeout(Duration.ofSeconds(60));
        return db.password().isEmpty() ? b : b.password(db.password());
    }

    private String url() {
        return db.jdbcUrl().replaceAll("\\?.*$", "");
    }

    /** Bare HikariCP, as users run it: its default size (10), or sized by the seed's configuration. */
    private Pool hikari(String name, int minimumIdle, int maximum) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setPoolName("tpcb-" + name);
        hc.setMinimumIdle(minimumIdle);
        hc.setMaximumPoolSize(maximum);
        HikariDataSource h = new HikariDataSource(hc);
        return new Pool(name, h, h::getMaximumPoolSize, h);
    }

    private Pool flexyPool() {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url());
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

    /**
     * Samples a pool's size every 100 ms into a list of (milliseconds since start, size, transactions completed so
     * far); null samples nothing.
     */
    private static final class SizeSampler implements AutoCloseable {
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final long start = System.nanoTime();

        SizeSampler(Pool pool, List<long[]> into, LongAdder done) {
            thread = new Thread(() -> {
                while (running.get() && into != null) {
                    synchronized (into) {
                        into.add(new long[] {(System.nanoTime() - start) / 1_000_000, pool.size().getAsInt(),
                                done.sum()});
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "size-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /** Milliseconds since the sampler started. */
        long millis() {
            return (System.nanoTime() - start) / 1_000_000;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(1_000);
        }
    }

    /** Runs {@code threads} closed-loop clients for {@code length}; counts every transaction in {@code total}. */
    private static Result drive(Pool pool, int threads, Duration length, LongAdder total) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLongArray buckets = new AtomicLongArray(64 * 8);
        long[] counts = new long[2];
        Object lock = new Object();
        AtomicInteger started = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            loops.add(clients.submit(() -> {
                started.incrementAndGet();
                long done = 0;
                long errors = 0;
                while (running.get()) {
                    long t0 = System.nanoTime();
                    try {
                        transaction(pool.dataSource());
                        done++;
                        total.increment();
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
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
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

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static int[] intsArg(String[] args, String name, String fallback) {
        String value = fallback;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                value = args[i + 1];
            }
        }
        return Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
