package io.dbopt.bench.query;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What each layer costs per lookup of {@link PostgresLookupBenchmark} in figures the machine's load does not change:
 * statements the server ran ({@code pg_stat_statements} of the benchmark's own database, per statement text), round
 * trips and bytes on the driver's socket ({@link CountingSocketFactory}), and bytes the measuring thread allocated;
 * with the CPU time of the measuring thread and the wall time beside them. Bare HikariCP and one layer run in turns
 * on one database, round after round (each round's order reversed from the last), and the medians of the rounds are
 * printed. Needs {@code pg_stat_statements} loaded on the server (the statement counts read 0 otherwise).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.query.PostgresLookupCountsMain [rounds] [lookups] [layer]
 * </pre>
 *
 * <p>Defaults: 9 rounds of 20,000 lookups, layer {@code dbopt}.</p>
 */
public final class PostgresLookupCountsMain {

    private static final String BARE = "bare";
    private static final String[] FIGURES = {"wall µs", "CPU µs", "alloc B", "statements", "round trips",
            "bytes out", "bytes in"};

    private PostgresLookupCountsMain() {
    }

    public static void main(String[] args) throws SQLException, InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String layer = args.length > 2 ? args[2] : "dbopt";
        if (rounds < 1 || lookups < 1 || BARE.equals(layer) || !Arrays.asList(Layers.ALL).contains(layer)) {
            throw new IllegalArgumentException("Usage: PostgresLookupCountsMain [rounds >= 1] [lookups >= 1] [layer "
                    + "other than bare, one of " + String.join(", ", Layers.ALL) + "]; was " + Arrays.toString(args));
        }
        try (TestDatabase database = TestDatabases.create(TestDialect.POSTGRESQL, "bench-lookup-counts")) {
            database.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO items SELECT n, 'item ' || n FROM generate_series(1, 10000) n", "ANALYZE items");
            String url = database.jdbcUrl() + "&socketFactory=" + CountingSocketFactory.class.getName();
            Map<String, HikariDataSource> pools = new LinkedHashMap<>();
            try {
                Map<String, DataSource> layers = new LinkedHashMap<>();
                for (String name : List.of(BARE, layer)) {
                    HikariConfig config = new HikariConfig();
                    config.setJdbcUrl(url);
                    config.setUsername(database.user());
                    config.setPassword(database.password());
                    config.setMaximumPoolSize(4);
                    config.setPoolName("counts-" + name);
                    HikariDataSource pool = new HikariDataSource(config);
                    pools.put(name, pool);
                    layers.put(name, Layers.wrap(name, pool));
                }
                run(database, layers, rounds, lookups);
            } finally {
                pools.values().forEach(HikariDataSource::close);
            }
        }
    }

    private static void run(TestDatabase database, Map<String, DataSource> layers, int rounds, int lookups)
            throws SQLException, InterruptedException {
        for (int warmup = 0; warmup < 3; warmup++) {
            for (DataSource ds : layers.values()) {
                lookups(ds, lookups);
            }
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        Map<String, List<double[]>> figures = new LinkedHashMap<>();
        Map<String, Map<String, Long>> statements = new LinkedHashMap<>();
        double loadAtStart = load();
        Properties admin = new Properties();
        admin.setProperty("user", database.user());
        admin.setProperty("password", database.password());
        try (Connection stats = DriverManager.getConnection(database.server().jdbcUrl(
                database.server().adminDatabase()), admin)) {
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(layers.keySet());
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String name : order) {
                    Map<String, Long> before = statementCalls(stats, database.name());
                    long[] socket = CountingSocketFactory.counts();
                    long allocated = threads.getThreadAllocatedBytes(self);
                    long cpu = threads.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    lookups(layers.get(name), lookups);
                    wall = System.nanoTime() - wall;
                    cpu = threads.getCurrentThreadCpuTime() - cpu;
                    allocated = threads.getThreadAllocatedBytes(self) - allocated;
                    long[] socketAfter = CountingSocketFactory.counts();
                    long calls = statementsRun(before, statementCalls(stats, database.name()),
                            statements.computeIfAbsent(name, k -> new TreeMap<>()));
                    double n = lookups;
                    figures.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {wall / n / 1000,
                            cpu / n / 1000, allocated / n, calls / n, (socketAfter[0] - socket[0]) / n,
                            (socketAfter[1] - socket[1]) / n, (socketAfter[2] - socket[2]) / n});
                }
            }
        }
        print(figures, statements, rounds, lookups, loadAtStart);
    }

    private static void print(Map<String, List<double[]>> figures, Map<String, Map<String, Long>> statements,
                              int rounds, int lookups, double loadAtStart) {
        System.out.printf("Primary-key lookup on PostgreSQL, per lookup, median of %d rounds of %,d in turns (load "
                + "average %.1f at the start, %.1f at the end)%n", rounds, lookups, loadAtStart, load());
        System.out.printf("%-18s", "layer");
        for (String f : FIGURES) {
            System.out.printf("%13s", f);
        }
        System.out.println();
        for (Map.Entry<String, List<double[]>> e : figures.entrySet()) {
            System.out.printf("%-18s", e.getKey());
            for (int i = 0; i < FIGURES.length; i++) {
                int index = i;
                System.out.printf("%13.3f", median(e.getValue().stream().mapToDouble(v -> v[index]).toArray()));
            }
            System.out.println();
        }
        System.out.println("Statements the server ran during the measured rounds (pg_stat_statements of this database):");
        statements.forEach((layer, texts) -> texts.forEach((text, calls) ->
                System.out.printf("  %-16s %,10d  %s%n", layer, calls, text)));
    }

    /** Statements run between two readings of {@link #statementCalls}, added per text to {@code perText}. */
    private static long statementsRun(Map<String, Long> before, Map<String, Long> after, Map<String, Long> perText) {
        long calls = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            calls += d;
            if (d != 0) {
                perText.merge(e.getKey(), d, Long::sum);
            }
        }
        return calls;
    }

    /** Executions per statement text recorded by pg_stat_statements for one database. */
    private static Map<String, Long> statementCalls(Connection stats, String database) throws SQLException {
        Map<String, Long> calls = new TreeMap<>();
        try (PreparedStatement ps = stats.prepareStatement("SELECT s.query, s.calls FROM pg_stat_statements s "
                + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    calls.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
        } catch (SQLException e) {
            System.out.println("pg_stat_statements cannot be read (" + e.getMessage() + "): statements show 0");
        }
        return calls;
    }

    private static long lookups(DataSource dataSource, int count) throws SQLException {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement(ProfilerOverheadBenchmark.SQL)) {
                ps.setLong(1, 1 + i % 10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    sum += rs.next() ? rs.getString(1).length() : 0;
                }
            }
        }
        return sum;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
