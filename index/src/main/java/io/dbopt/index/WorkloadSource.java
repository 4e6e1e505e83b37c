package io.dbopt.index;

/**
 * Where a {@link Workload} comes from: the seam through which a query profiler (or anything that records SQL with
 * call counts and times) feeds index recommendations, e.g. {@code IndexManager.builder(ds).workloadSource(() ->
 * toWorkload(profiler.statistics()))}. Implementations are called once per analysis and must be thread-safe.
 */
@FunctionalInterface
public interface WorkloadSource {

    /** The workload as recorded now; never null, possibly empty. */
    Workload workload();
}
