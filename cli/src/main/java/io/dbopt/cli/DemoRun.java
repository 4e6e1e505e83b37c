package io.dbopt.cli;

import io.dbopt.cli.demo.DemoServer;
import io.dbopt.cli.demo.DemoWorkload;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.health.HealthKeys;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.DatabaseHost;
import io.dbopt.query.QueryProfiler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The demo application as an application would run it: a dbopt pool in front of the server, the query profiler
 * around the pool, the workload through both. What they recorded is attached to the doctor, whose own catalog
 * queries go to the server directly so that they are not profiled. A health monitor samples the server and the
 * pool beside the workload, so the report can draw them over the run. Close it after the doctor ran.
 */
final class DemoRun implements AutoCloseable {

    private final ConnectionPoolManager pool;
    private final QueryProfiler profiler;
    private final DemoWorkload.Summary summary;
    private final DatabaseHealthMonitor monitor;

    /** How often the monitor samples during the workload. */
    static final Duration SAMPLING = Duration.ofMillis(500);

    private DemoRun(ConnectionPoolManager pool, QueryProfiler profiler, DemoWorkload.Summary summary,
                    DatabaseHealthMonitor monitor) {
        this.pool = pool;
        this.profiler = profiler;
        this.summary = summary;
        this.monitor = monitor;
    }

    /** Runs the workload through a pool and the profiler. */
    static DemoRun start(DemoServer server) {
        ConnectionPoolManager pool = ConnectionPoolManager.builder()
                .dataSource(server.dataSource())
                .poolName("demo")
                .applicationName("dbopt-demo")
                .poolSize(8)
                .maxOverflow(8)
                .poolTimeout(Duration.ofSeconds(10))
                .build();
        try {
            QueryProfiler profiler = QueryProfiler.builder().name("demo")
                    // every demo statement runs through one helper; the caller of that helper is the call site
                    .excludeFromCallSites("io.dbopt.cli.demo.DemoWorkload.execute")
                    .build();
            DataSource application = profiler.instrument(pool.dataSource());
            DemoWorkload.Summary summary;
            DatabaseHealthMonitor monitor = monitor(server, pool);
            try (monitor) {
                summary = sampled(monitor, () -> new DemoWorkload(application, profiler::scope).run());
            }
            return new DemoRun(pool, profiler, summary, monitor);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Runs {@code work} while the monitor samples every {@link #SAMPLING}: once before, on a thread of its own
     * during, once after. The sampling thread is stopped without interrupting a cycle (closing a started monitor
     * would interrupt one, and the interrupted cycle would read as the database going down).
     */
    private static DemoWorkload.Summary sampled(DatabaseHealthMonitor monitor,
                                                java.util.function.Supplier<DemoWorkload.Summary> work) {
        monitor.checkNow();
        java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "dbopt-demo-sampler");
                    t.setDaemon(true);
                    return t;
                });
        try {
            sampler.scheduleWithFixedDelay(monitor::checkNow, SAMPLING.toMillis(), SAMPLING.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            return work.get();
        } finally {
            sampler.shutdown();
            try {
                if (!sampler.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    sampler.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            monitor.checkNow();
        }
    }

    private static DatabaseHealthMonitor monitor(DemoServer server, ConnectionPoolManager pool) {
        Map<String, Object> settings = new LinkedHashMap<>();
        // the checks that read live state only: the catalog scans are the doctor's job
        settings.put(HealthKeys.CHECKS.name(), "connectivity,latency,connections,long-queries,idle-in-transaction,"
                + "blocked-sessions,cache-hit-ratio,deadlocks,temp-files,components");
        settings.put(HealthKeys.ALERTS_ENABLED.name(), false);
        settings.put(HealthKeys.APPLICATION_NAME.name(), "dbopt-demo-monitor");
        return DatabaseHealthMonitor.builder().name("demo-health").config(DbOptConfig.of(settings))
                .checkerDataSource(server.dataSource()).attach(pool).interval(SAMPLING).build();
    }

    DemoWorkload.Summary summary() {
        return summary;
    }

    /**
     * Hands the pool, the host it runs on, the profiler's recording and the monitor's time series to the doctor's
     * sections.
     */
    void attachTo(Doctor.Builder doctor) {
        doctor.attach(ConnectionPoolManager.class, pool)
                .attach(QueryProfiler.class, profiler)
                .attach(DatabaseHealthMonitor.class, monitor)
                // the embedded server shares this machine: its cores are ours, its disk one SSD
                .attach(DatabaseHost.class, new DatabaseHost(Runtime.getRuntime().availableProcessors(), 1));
    }

    @Override
    public void close() {
        pool.close();
    }
}
