package io.dbopt.bench.transaction;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.transaction.Isolation;
import io.dbopt.transaction.RetryPolicy;
import io.dbopt.transaction.TransactionException;
import io.dbopt.transaction.TransactionManager;
import io.dbopt.transaction.TransactionOptions;
import io.dbopt.transaction.TransactionStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TPC-B-like transfers on hot rows (pgbench's own tpcb-like script and data, scale 1: one branch row and ten teller
 * rows that every transaction updates), 8 clients, at READ COMMITTED, REPEATABLE READ and SERIALIZABLE: dbopt's
 * TransactionManager with its retry (10 attempts) next to PostgreSQL 15's {@code pgbench --max-tries=10} running the
 * same script on the same freshly initialised data, in one run. Prints TPS, the ratio dbopt/pgbench, failures left
 * after retries and retries per commit.
 *
 * <pre>
 * mvn -B -q -pl bench package -am -DskipTests   # once
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.transaction.TransferBenchmark --short
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.transaction.TransferBenchmark --long \
 *      --host 127.0.0.1 --port 5432 --user postgres --pgbench /usr/bin/pgbench
 * </pre>
 * Short mode runs 10 s per case, long mode 60 s. It creates (and drops at the end) the database
 * {@code dbopt_bench_tx}.
 */
public final class TransferBenchmark {

    private static final String DATABASE = "dbopt_bench_tx";
    private static final int CLIENTS = 8;
    private static final int MAX_TRIES = 10;
    private static final String SCRIPT = """
            \\set aid random(1, 100000 * :scale)
            \\set bid random(1, 1 * :scale)
            \\set tid random(1, 10 * :scale)
            \\set delta random(-5000, 5000)
            BEGIN;
            UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
            SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
            UPDATE pgbench_tellers SET tbalance = tbalance + :delta WHERE tid = :tid;
            UPDATE pgbench_branches SET bbalance = bbalance + :delta WHERE bid = :bid;
            INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
            END;
            """;

    private final String host;
    private final int port;
    private final String user;
    private final String pgbench;
    private final Duration duration;
    private final int scale = 1;

    private TransferBenchmark(String host, int port, String user, String pgbench, Duration duration) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.pgbench = pgbench;
        this.duration = duration;
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        String host = "127.0.0.1";
        int port = 5432;
        String user = "postgres";
        String pgbench = "/usr/bin/pgbench";
        Duration duration = Duration.ofSeconds(10);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> duration = Duration.ofSeconds(10);
                case "--long" -> duration = Duration.ofSeconds(60);
                case "--seconds" -> duration = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--user" -> user = args[++i];
                case "--pgbench" -> pgbench = args[++i];
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + ": use --short, --long, --seconds N, --host, --port, --user, --pgbench");
            }
        }
        new TransferBenchmark(host, port, user, pgbench, duration).run();
    }

    /** Without a logback.xml logback logs DEBUG to the console, which would slow the Java side down. */
    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
            // exhausted retries are counted and printed in the table instead of logged one by one
            context.getLogger("io.dbopt.transaction").setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    private void run() throws Exception {
        Path script = Files.createTempFile("dbopt-tpcb-", ".sql");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        try {
            admin("DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE);
            System.out.printf(Locale.ROOT, "TPC-B-like, scale %d (1 branch, 10 tellers hot), %d clients, %d s per "
                    + "case, max %d tries%n", scale, CLIENTS, duration.toSeconds(), MAX_TRIES);
            for (Isolation isolation : Isolation.values()) {
                initialise();
                Result peer = runPgbench(script, isolation);
                for (Variant variant : Variant.values()) {
                    if (variant == Variant.BUDGET && isolation == Isolation.READ_COMMITTED) {
                        continue; // nothing to retry at READ COMMITTED
                    }
                    if (variant == Variant.RESOLVE && isolation != Isolation.READ_COMMITTED) {
                        continue; // its cost (one round trip per transaction) shows best without retries
                    }
                    initialise();
                    Result dbopt = runDbopt(isolation, variant);
                    rows.add(new String[] {isolation.name(), variant.label, fmt(peer.tps()), fmt(dbopt.tps()),
                            String.format(Locale.ROOT, "%.2fx", dbopt.tps() / peer.tps()),
                            Long.toString(peer.failures()), Long.toString(dbopt.failures()),
                            String.format(Locale.ROOT, "%.3f", peer.retriesPerCommit()),
                            String.format(Locale.ROOT, "%.3f", dbopt.retriesPerCommit())});
                }
            }
        } finally {
            Files.deleteIfExists(script);
            admin("DROP DATABASE IF EXISTS " + DATABASE);
        }
        System.out.println();
        String format = "%-16s %-22s %12s %10s %7s %9s %10s %13s %14s%n";
        System.out.printf(Locale.ROOT, format, "isolation", "dbopt retry policy", "pgbench tps", "dbopt tps",
                "ratio", "pgb fail", "dbopt fail", "pgb retry/tx", "dbopt retry/tx");
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, format, (Object[]) r);
        }
        System.out.println("ratio = dbopt tps / pgbench tps; fail = transactions still failing after their tries; "
                + "retry/tx = retries per committed transaction");
    }

    private static String fmt(double tps) {
        return String.format(Locale.ROOT, "%.1f", tps);
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private void admin(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), user, "");
             Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private void initialise() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(pgbench, "-i", "-q", "-s", Integer.toString(scale), "-h", host,
                "-p", Integer.toString(port), "-U", user, DATABASE).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pgbench -i failed:\n" + out);
        }
    }

    private Result runPgbench(Path script, Isolation isolation) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(pgbench, "-n", "-c", Integer.toString(CLIENTS), "-j", "2",
                "-T", Long.toString(duration.toSeconds()), "-M", "prepared", "--max-tries=" + MAX_TRIES,
                "-f", script.toString(), "-h", host, "-p", Integer.toString(port), "-U", user, DATABASE)
                .redirectErrorStream(true);
        pb.environment().put("PGOPTIONS", "-c default_transaction_isolation="
                + isolation.sql().toLowerCase(Locale.ROOT).replace(" ", "\\ "));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        double tps = number(out, "tps = ([0-9.]+)");
        long processed = (long) number(out, "number of transactions actually processed: (\\d+)");
        long failed = (long) numberOrZero(out, "number of failed transactions: (\\d+)");
        long retries = (long) numberOrZero(out, "total number of retries: (\\d+)");
        return new Result(tps, processed, failed, retries);
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("pgbench output lacks /" + regex + "/:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double numberOrZero(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private Result runDbopt(Isolation isolation, Variant variant) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(DATABASE));
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(CLIENTS);
        config.setMinimumIdle(CLIENTS);
        config.setPoolName("bench-dbopt");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            TransactionManager.Builder builder = TransactionManager.builder().dataSource(pool)
                    .retryPolicy(variant.policy);
            if (variant.resolveCommits) {
                builder.resolveCommitOutcome(Duration.ofSeconds(10));
            }
            TransactionManager tm = builder.build();
            TransactionOptions options = TransactionOptions.named("tpcb").isolation(isolation);
            // warm the pool and the JIT briefly, outside the measured time
            runFor(tm, options, Duration.ofSeconds(2), new LongAdder());
            TransactionStats before = tm.monitor().stats();
            LongAdder failures = new LongAdder();
            long start = System.nanoTime();
            runFor(tm, options, duration, failures);
            double seconds = (System.nanoTime() - start) / 1e9;
            TransactionStats after = tm.monitor().stats();
            long commits = after.commits() - before.commits();
            long retries = after.totalRetries() - before.totalRetries();
            return new Result(commits / seconds, commits, failures.sum(), retries);
        }
    }

    private void runFor(TransactionManager tm, TransactionOptions options, Duration time, LongAdder failures)
            throws Exception {
        long deadline = System.nanoTime() + time.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                futures.add(clients.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            transfer(tm, options);
                        } catch (TransactionException e) { // RetriesExhaustedException above all
                            failures.increment();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(time.toSeconds() + 120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private void transfer(TransactionManager tm, TransactionOptions options) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int aid = r.nextInt(1, 100_000 * scale + 1);
        int bid = r.nextInt(1, scale + 1);
        int tid = r.nextInt(1, 10 * scale + 1);
        int delta = r.nextInt(-5000, 5001);
        tm.run(options, tx -> {
            tx.update("UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?", delta, aid);
            tx.queryFirst("SELECT abalance FROM pgbench_accounts WHERE aid = ?", rs -> rs.getInt(1), aid);
            tx.update("UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?", delta, tid);
            tx.update("UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?", delta, bid);
            tx.update("INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, "
                    + "CURRENT_TIMESTAMP)", tid, bid, aid, delta);
        });
    }

    /** The retry policies compared with pgbench's. */
    private enum Variant {
        /** The same number of tries as pgbench, dbopt's default backoff (10 ms doubling up to 1 s, full jitter). */
        TRIES("10 tries, backoff", RetryPolicy.defaults().withMaxAttempts(MAX_TRIES)),
        /** What dbopt recommends for hot rows: bounded by time rather than by tries. */
        BUDGET("30 s budget, backoff", RetryPolicy.defaults().withMaxAttempts(1_000)
                .withMaxElapsed(Duration.ofSeconds(30))),
        /** 10 tries plus resolveCommitOutcome: one extra round trip (txid_current_if_assigned) per transaction. */
        RESOLVE("10 tries + resolve", RetryPolicy.defaults().withMaxAttempts(MAX_TRIES), true);

        final String label;
        final RetryPolicy policy;
        final boolean resolveCommits;

        Variant(String label, RetryPolicy policy) {
            this(label, policy, false);
        }

        Variant(String label, RetryPolicy policy, boolean resolveCommits) {
            this.label = label;
            this.policy = policy;
            this.resolveCommits = resolveCommits;
        }
    }

    /** One case's outcome. */
    private record Result(double tps, long commits, long failures, long retries) {
        double retriesPerCommit() {
            return commits == 0 ? 0 : (double) retries / commits;
        }
    }
}
