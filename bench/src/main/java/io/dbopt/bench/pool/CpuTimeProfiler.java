package io.dbopt.bench.pool;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports two CPU times per operation, in nanoseconds. {@code cpu.time.norm}: every thread of the
 * benchmark JVM (benchmark threads, the pool's monitor, GC, JIT), divided by the operations measured. On a machine
 * shared with other work, wall-clock throughput falls with the CPU share the benchmark gets, while CPU time per
 * operation stays close to what the code costs; for a CPU-bound benchmark that never blocks, the ratio of two pools'
 * CPU times per operation is the inverse of their throughput ratio on an idle machine. {@code cpu.workers.norm}: the
 * JMH worker threads only (the threads that borrow), so a JIT compiler thread still compiling the benchmark, or a
 * collection, does not count: at 16 threads on 2 cores the compiler threads get a small share of the CPU and take
 * seconds to finish the benchmark's path, and their CPU in {@code cpu.time.norm} then says more about the compile
 * queue than about the pool. The pool's own background threads are in the first figure only.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar PoolBenchmark -prof io.dbopt.bench.pool.CpuTimeProfiler
 * </pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long startCpu;
    /** CPU time of each JMH worker thread at the start of the iteration, by thread id. */
    private Map<Long, Long> startWorkers = Map.of();

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startWorkers = workerCpu();
        startCpu = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - startCpu;
        long workers = 0;
        for (Map.Entry<Long, Long> e : workerCpu().entrySet()) {
            workers += e.getValue() - startWorkers.getOrDefault(e.getKey(), 0L);
        }
        long ops = result.getMetadata().getMeasuredOps();
        double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
        double workersPerOp = ops == 0 ? Double.NaN : (double) workers / ops;
        return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.workers.norm", workersPerOp, "ns/op", AggregationPolicy.AVG));
    }

    /** The CPU time of every live JMH worker thread, by thread id. */
    private Map<Long, Long> workerCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-jmh-worker-")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                }
            }
        }
        return cpu;
    }
}
