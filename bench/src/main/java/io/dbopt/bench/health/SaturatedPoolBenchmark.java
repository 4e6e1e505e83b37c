package io.dbopt.bench.health;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.dbopt.core.component.ComponentMetrics;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDatabases;
import io.dbopt.testkit.TestDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * How long a health check takes to answer while the application's pool is saturated (every connection held, callers
 * queued), and what it answers: a Spring Boot DataSourceHealthIndicator-style check (borrow from the application's
 * HikariCP pool, {@code isValid}) against dbopt's monitor, run once ({@code checkNow()}, its own connection) and
 * started ({@code healthCheck()}, the newest answer). Medians of several checks on both databases.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.health.SaturatedPoolBenchmark [checks] [poolTimeoutMs]
 * </pre>
 */
public final class SaturatedPoolBenchmark {

    private SaturatedPoolBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long poolTimeoutMs = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        for (TestDialect dialect : List.of(TestDialect.POSTGRESQL, TestDialect.MARIADB)) {
            try (TestDatabase db = TestDatabases.create(dialect, "bench-saturated")) {
                run(db, checks, poolTimeoutMs);
            }
        }
    }

    private static void run(TestDatabase db, int checks, long poolTimeoutMs) throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(db.jdbcUrl());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(10); // Spring Boot's default
        hc.setConnectionTimeout(poolTimeoutMs);
        hc.setPoolName("app");
        ExecutorService queued = Executors.newFixedThreadPool(4);
        List<Connection> held = new ArrayList<>();
        try (HikariDataSource pool = new HikariDataSource(hc);
             DatabaseHealthMonitor once = monitor(db, pool);
             DatabaseHealthMonitor started = monitor(db, pool).start()) {
            for (int i = 0; i < 10; i++) {
                held.add(pool.getConnection());
            }
            for (int i = 0; i < 4; i++) {
                queued.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try (Connection c = pool.getConnection()) {
                            c.isValid(1);
                        } catch (SQLException e) {
                            // timed out in the queue, as application threads do; queue again
                        }
                    }
                });
            }
            TimeUnit.MILLISECONDS.sleep(200);
            double[] spring = new double[checks];
            double[] ours = new double[checks];
            double[] cached = new double[checks];
            HealthStatus springSays = null;
            Health oursSays = null;
            for (int i = 0; i < checks; i++) {
                long t0 = System.nanoTime();
                springSays = borrowAndValidate(pool);
                spring[i] = (System.nanoTime() - t0) / 1e6;
                long t1 = System.nanoTime();
                oursSays = once.checkNow();
                ours[i] = (System.nanoTime() - t1) / 1e6;
                long t2 = System.nanoTime();
                started.healthCheck();
                cached[i] = (System.nanoTime() - t2) / 1e6;
            }
            System.out.printf(Locale.ROOT, "| %s, pool of 10 all held + 4 queued, pool timeout %d ms | answer time "
                    + "(median) | answer |%n|---|---|---|%n", db.testDialect().id(), poolTimeoutMs);
            System.out.printf(Locale.ROOT, "| borrow + isValid (DataSourceHealthIndicator-style) | %.1f ms | %s |%n",
                    median(spring), springSays);
            System.out.printf(Locale.ROOT, "| dbopt checkNow() (own connection, full cycle) | %.1f ms | database %s, "
                    + "pool %s |%n", median(ours), oursSays.components().get("database").status(),
                    oursSays.components().get("app").findings().isEmpty() ? "UP"
                            : oursSays.components().get("app").findings().get(0).check());
            System.out.printf(Locale.ROOT, "| dbopt healthCheck() on a started monitor | %.3f ms | newest cycle |%n",
                    median(cached));
        } finally {
            queued.shutdownNow();
            for (Connection c : held) {
                c.close();
            }
        }
    }

    private static DatabaseHealthMonitor monitor(TestDatabase db, HikariDataSource pool) {
        return DatabaseHealthMonitor.builder()
                .config(DbOptConfig.of(Map.of("health.interval", "1s", "alerts.enabled", "false")))
                .checkerDataSource(db.dataSource()).attach(new HikariComponent(pool)).build();
    }

    /** What Spring Boot's DataSourceHealthIndicator does: borrow from the application's pool and validate. */
    private static HealthStatus borrowAndValidate(HikariDataSource pool) {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1) ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (SQLException e) {
            return HealthStatus.DOWN;
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** A HikariCP pool as a dbopt component, from its MXBean (no database call). */
    private record HikariComponent(HikariDataSource pool) implements DbOptComponent<HikariComponent.Values> {
        record Values(Instant at, Map<String, Number> values) implements ComponentMetrics {
        }

        @Override
        public String componentName() {
            return "app";
        }

        @Override
        public Values metrics() {
            HikariPoolMXBean mx = pool.getHikariPoolMXBean();
            return new Values(Instant.now(), Map.of("checked_out", mx.getActiveConnections(),
                    "max_size", pool.getMaximumPoolSize(), "waiting", mx.getThreadsAwaitingConnection()));
        }

        @Override
        public Health healthCheck() {
            return Health.up("app");
        }

        @Override
        public void close() {
            // the benchmark closes the pool
        }
    }
}
