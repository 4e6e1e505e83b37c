package io.dbopt.query.metrics;

import io.dbopt.query.KindTotals;
import io.dbopt.query.QueryProfiler;
import io.dbopt.query.sql.StatementKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Binds a {@link QueryProfiler} to Micrometer. Meters (tag {@code profiler} = the profiler's name, and
 * {@code kind} = select, insert, update, delete, merge, call, ddl, other):
 * {@code dbopt.query.executions} (function timer: count and total time per kind), {@code dbopt.query.errors}
 * (counter per kind), {@code dbopt.query.slow} (counter), {@code dbopt.query.fingerprints} (gauge) and
 * {@code dbopt.query.n_plus_one.patterns} (gauge). Meters read the profiler's own counters when scraped (a walk
 * over the fingerprints, well under a millisecond for the default 2,000), so recording costs nothing extra; no
 * fingerprint or SQL text becomes a tag. Needs micrometer-core on the class path.
 *
 * <pre>{@code
 * new QueryProfilerMetrics(profiler).bindTo(meterRegistry);
 * }</pre>
 */
public final class QueryProfilerMetrics implements MeterBinder {

    private final QueryProfiler profiler;

    /** A binder for a profiler. */
    public QueryProfilerMetrics(QueryProfiler profiler) {
        this.profiler = Objects.requireNonNull(profiler, "profiler");
    }

    private static KindTotals totals(QueryProfiler profiler, StatementKind kind) {
        return profiler.totalsByKind().get(kind);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String name = profiler.name();
        for (StatementKind kind : StatementKind.values()) {
            String tag = kind.name().toLowerCase(Locale.ROOT);
            // the profiler is the meters' state: Micrometer holds it weakly, the application strongly
            FunctionTimer.builder("dbopt.query.executions", profiler, p -> totals(p, kind).executions(),
                            p -> totals(p, kind).total().toNanos(), TimeUnit.NANOSECONDS)
                    .description("Statements run through the profiled data source")
                    .tags("profiler", name, "kind", tag).register(registry);
            FunctionCounter.builder("dbopt.query.errors", profiler, p -> totals(p, kind).errors())
                    .description("Statements that failed").tags("profiler", name, "kind", tag).register(registry);
        }
        FunctionCounter.builder("dbopt.query.slow", profiler, QueryProfiler::slowQueryCount)
                .description("Statements slower than the slow query threshold").tags("profiler", name)
                .register(registry);
        Gauge.builder("dbopt.query.fingerprints", profiler, QueryProfiler::fingerprintCount)
                .description("Fingerprints held in memory").tags("profiler", name).register(registry);
        Gauge.builder("dbopt.query.n_plus_one.patterns", profiler, p -> p.nPlusOne().size())
                .description("N+1 patterns reported so far").tags("profiler", name).register(registry);
    }
}
