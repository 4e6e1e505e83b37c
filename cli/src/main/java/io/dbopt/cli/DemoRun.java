package io.dbopt.cli;

import io.dbopt.cli.demo.DemoServer;
import io.dbopt.cli.demo.DemoWorkload;
import io.dbopt.core.doctor.Doctor;
import io.dbopt.pool.ConnectionPoolManager;
import io.dbopt.pool.DatabaseHost;
import io.dbopt.query.QueryProfiler;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The demo application as an application would run it: a dbopt pool in front of the server, the query profiler
 * around the pool, the workload through both. What they recorded is attached to the doctor, whose own catalog
 * queries go to the server directly so that they are not profiled. Close it after the doctor ran.
 */
final class DemoRun implements AutoCloseable {

    private final ConnectionPoolManager pool;
    private final QueryProfiler profiler;
    private final DemoWorkload.Summary summary;

    private DemoRun(ConnectionPoolManager pool, QueryProfiler profiler, DemoWorkload.Summary summary) {
        this.pool = pool;
        this.profiler = profiler;
        this.summary = summary;
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
            DemoWorkload.Summary summary = new DemoWorkload(application, profiler::scope).run();
            return new DemoRun(pool, profiler, summary);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    DemoWorkload.Summary summary() {
        return summary;
    }

    /** Hands the pool, the host it runs on and the profiler's recording to the doctor's sections. */
    void attachTo(Doctor.Builder doctor) {
        doctor.attach(ConnectionPoolManager.class, pool)
                .attach(QueryProfiler.class, profiler)
                // the embedded server shares this machine: its cores are ours, its disk one SSD
                .attach(DatabaseHost.class, new DatabaseHost(Runtime.getRuntime().availableProcessors(), 1));
    }

    @Override
    public void close() {
        pool.close();
    }
}
