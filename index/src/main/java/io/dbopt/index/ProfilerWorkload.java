package io.dbopt.index;

import io.dbopt.query.QueryProfiler;
import io.dbopt.query.QueryStats;
import io.dbopt.query.sql.StatementKind;
import java.util.Objects;

/**
 * Feeds what a {@link QueryProfiler} recorded to index recommendations: one workload entry per fingerprint (the
 * statement with its values replaced by {@code ?}), with its executions and total time. Only reads and writes with
 * a predicate matter to indexes; DDL and other statements are left out.
 *
 * <pre>{@code
 * IndexManager.builder(ds).workloadSource(ProfilerWorkload.from(profiler)).build().recommend();
 * }</pre>
 */
public final class ProfilerWorkload {

    private ProfilerWorkload() {
    }

    /** A source that reads the profiler's statistics each time it is asked. */
    public static WorkloadSource from(QueryProfiler profiler) {
        Objects.requireNonNull(profiler, "profiler");
        return () -> {
            Workload.Builder workload = Workload.builder();
            for (QueryStats q : profiler.queries()) {
                if (q.executions() > 0 && isIndexable(q.kind())) {
                    workload.add(q.fingerprint(), q.executions(), q.total());
                }
            }
            return workload.build();
        };
    }

    private static boolean isIndexable(StatementKind kind) {
        return kind == StatementKind.SELECT || kind == StatementKind.UPDATE || kind == StatementKind.DELETE;
    }
}
