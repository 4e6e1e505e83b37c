package io.dbopt.bench.health;

import io.dbopt.core.config.DbOptConfig;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * The cost of one full health check cycle on a schema of many tables (1,000 by default), dbopt against the peers'
 * statements for the same checks: PgHero's overview and check_postgres's actions on PostgreSQL, mysqld_exporter's
 * collectors on MariaDB. For each: statements per cycle, client wall time per cycle, and server execution time
 * (PostgreSQL: pg_stat_statements total_exec_time of the benchmark database; MariaDB: performance_schema statement
 * digests of the benchmark schema, when the digest table has room: it holds 10,000 to 20,000 digests server-wide and
 * is not reset here, since other work on a shared server reads it), medians of several cycles on a warm connection.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.health.HealthCycleBenchmark [tables] [cycles] [dialects]
 * </pre>
 */
public final class HealthCycleBenchmark {

    private HealthCycleBenchmark() {
    }

    /** One contender's medians. */
    private record Figures(String name, long statements, double wallMs, double serverMs) {
    }

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> dialects = args.length > 2 ? Arrays.asList(args[2].split(","))
                : List.of("postgresql", "mariadb");
        for (String d : dialects) {
            TestDialect dialect = d.equals("mariadb") ? TestDialect.MARIADB : TestDialect.POSTGRESQL;
            try (TestDatabase db = TestDatabases.create(dialect, "bench-health")) {
                long t0 = System.nanoTime();
                createSchema(db, tables);
                System.out.printf(Locale.ROOT, "%s: %d tables created in %.1f s%n", dialect.id(), tables,
                        (System.nanoTime() - t0) / 1e9);
                List<List<Figures>> rounds = new ArrayList<>();
                for (int r = 0; r < ROUNDS; r++) {
                    List<Figures> rows = new ArrayList<>();
                    rows.add(dbopt(db, cycles));
                    rows.add(dboptInterval(db, cycles));
                    if (dialect == TestDialect.POSTGRESQL) {
                        rows.add(peer("PgHero overview", PeerQueries.PGHERO, db, cycles));
                        rows.add(peer("check_postgres actions", PeerQueries.CHECK_POSTGRES, db, cycles));
                    } else {
                        rows.add(peer("mysqld_exporter collectors", PeerQueries.MYSQLD_EXPORTER, db, cycles));
                    }
                    rounds.add(rows);
                }
                print(dialect, tables, rounds);
            }
        }
    }

    /** Rounds in one run: each round measures every contender, the table shows the median round. */
    private static final int ROUNDS = 3;

    private static void print(TestDialect dialect, int tables, List<List<Figures>> rounds) {
        System.out.printf("| %s, %d tables | statements | wall ms (median of %d rounds) | server ms | wall vs dbopt full "
                + "cycle |%n", dialect.id(), tables, rounds.size());
        System.out.println("|---|---|---|---|---|");
        int contenders = rounds.get(0).size();
        double dboptWall = medianOf(rounds, 0, true);
        for (int i = 0; i < contenders; i++) {
            Figures first = rounds.get(0).get(i);
            double wall = medianOf(rounds, i, true);
            double server = medianOf(rounds, i, false);
            StringBuilder all = new StringBuilder();
            for (List<Figures> round : rounds) {
                all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f",
                        round.get(i).wallMs()));
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f (%s) | %.1f | %.2fx |%n", first.name(),
                    first.statements(), wall, all, server, wall / dboptWall);
        }
    }

    private static double medianOf(List<List<Figures>> rounds, int contender, boolean wall) {
        double[] v = new double[rounds.size()];
        for (int r = 0; r < v.length; r++) {
            Figures f = rounds.get(r).get(contender);
            v[r] = wall ? f.wallMs() : f.serverMs();
        }
        return median(v);
    }

    private static void createSchema(TestDatabase db, int tables) throws SQLException {
        boolean postgres = db.testDialect() == TestDialect.POSTGRESQL;
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 1; i <= tables; i++) {
                String t = String.format(Locale.ROOT, "t%04d", i);
                st.execute(postgres
                        ? "CREATE TABLE " + t + " (id serial PRIMARY KEY, account int NOT NULL, note varchar(40), "
                                + "created timestamp NOT NULL DEFAULT now())"
                        : "CREATE TABLE " + t + " (id int AUTO_INCREMENT PRIMARY KEY, account int NOT NULL, "
                                + "note varchar(40), created timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)");
                st.execute("CREATE INDEX " + t + "_account ON " + t + " (account)");
                st.execute(postgres
                        ? "INSERT INTO " + t + " (account, note) SELECT g % 10, md5(g::text) FROM generate_series(1, 50) g"
                        : "INSERT INTO " + t + " (account, note) SELECT seq % 10, md5(seq) FROM seq_1_to_50");
                if (i % 100 == 0) {
                    c.commit();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            if (postgres) {
                st.execute("ANALYZE");
            }
        }
    }

    private static DataSource counting(DataSource ds, AtomicLong statements) {
        return ProxyDataSourceBuilder.create(ds).listener(new QueryExecutionListener() {
            @Override
            public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
                // counted after
            }

            @Override
            public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
                statements.addAndGet(queryInfoList.size());
            }
        }).build();
    }

    private static Figures dbopt(TestDatabase db, int cycles) throws Exception {
        AtomicLong statements = new AtomicLong();
        DbOptConfig config = DbOptConfig.of(Map.of("health.timeout", "60s", "health.statement_timeout", "30s",
                "alerts.enabled", "false"));
        try (DatabaseHealthMonitor monitor = DatabaseHealthMonitor.builder().config(config)
                .checkerDataSource(counting(db.dataSource(), statements)).build()) {
            monitor.checkNow(); // opens the connection, reads the first counters
            double[] wall = new double[cycles];
            double[] server = new double[cycles];
            long[] count = new long[cycles];
            for (int i = 0; i < cycles; i++) {
                double before = serverMillis(db);
                long s0 = statements.get();
                long t0 = System.nanoTime();
                monitor.checkNow();
                wall[i] = (System.nanoTime() - t0) / 1e6;
                count[i] = statements.get() - s0;
                server[i] = serverMillis(db) - before;
            }
            return new Figures("dbopt full cycle", median(count), median(wall), median(server));
        }
    }

    /** The cycle a started monitor runs every interval: catalog checks answer from their last run. */
    private static Figures dboptInterval(TestDatabase db, int cycles) throws Exception {
        AtomicLong statements = new AtomicLong();
        DbOptConfig config = DbOptConfig.of(Map.of("health.timeout", "60s", "health.statement_timeout", "30s",
                "health.interval", "500ms", "alerts.enabled", "false"));
        try (DatabaseHealthMonitor monitor = DatabaseHealthMonitor.builder().config(config)
                .checkerDataSource(counting(db.dataSource(), statements)).build()) {
            monitor.checkNow(); // the catalog checks run here, then wait their interval
            monitor.start();
            double[] wall = new double[cycles];
            double[] server = new double[cycles];
            long[] count = new long[cycles];
            long seen = awaitCycle(monitor, monitor.metrics().cycles());
            for (int i = 0; i < cycles; i++) {
                // a cycle just ended and the next starts one interval later: count from here to its end
                double before = serverMillis(db);
                long s0 = statements.get();
                seen = awaitCycle(monitor, seen);
                wall[i] = monitor.metrics().lastCycle().toNanos() / 1e6;
                count[i] = statements.get() - s0;
                server[i] = serverMillis(db) - before;
            }
            return new Figures("dbopt interval cycle (catalog checks cached)", median(count), median(wall),
                    median(server));
        }
    }

    /** Waits until the monitor has finished a cycle after {@code seen} and returns the new count. */
    private static long awaitCycle(DatabaseHealthMonitor monitor, long seen) throws InterruptedException {
        while (monitor.metrics().cycles() <= seen) {
            Thread.sleep(2);
        }
        return monitor.metrics().cycles();
    }

    private static Figures peer(String name, List<String> sql, TestDatabase db, int cycles) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            runAll(st, sql);
            double[] wall = new double[cycles];
            double[] server = new double[cycles];
            for (int i = 0; i < cycles; i++) {
                double before = serverMillis(db);
                long t0 = System.nanoTime();
                runAll(st, sql);
                wall[i] = (System.nanoTime() - t0) / 1e6;
                server[i] = serverMillis(db) - before;
            }
            return new Figures(name, sql.size(), median(wall), median(server));
        }
    }

    private static void runAll(Statement st, List<String> sql) throws SQLException {
        for (String s : sql) {
            try (ResultSet rs = st.executeQuery(s)) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        }
    }

    /** Server execution time spent so far on the benchmark database, read from another database. */
    private static double serverMillis(TestDatabase db) throws SQLException {
        boolean postgres = db.testDialect() == TestDialect.POSTGRESQL;
        String sql = postgres
                ? "SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements s JOIN pg_database d "
                        + "ON d.oid = s.dbid WHERE d.datname = ?"
                : "SELECT coalesce(sum(SUM_TIMER_WAIT), 0) / 1e9 FROM performance_schema."
                        + "events_statements_summary_by_digest WHERE SCHEMA_NAME = ?";
        try (Connection admin = io.dbopt.core.jdbc.DriverDataSource.of(db.server().jdbcUrl(
                        db.server().adminDatabase())).withUser(db.user())
                .withPassword(db.password().isEmpty() ? null : db.password().toCharArray()).getConnection();
             java.sql.PreparedStatement ps = admin.prepareStatement(sql)) {
            ps.setString(1, db.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
