package io.dbopt.bench.pool;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
 * queue than about the pool. {@code cpu.pool.norm}: the pools' own background threads only (dbopt's monitor and
 * server monitor, HikariCP's housekeeper: the threads named after the pools {@link PoolBenchmark} builds), where
 * dbopt's meters are brought up to date; they are in the first figure too.
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
    /** CPU time of each pool background thread at the start of the iteration, by thread id. */
    private Map<Long, Long> startPool = Map.of();

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startWorkers = cpuOf(CpuTimeProfiler::isWorker);
        startPool = cpuOf(CpuTimeProfiler::isPoolThread);
        startCpu = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - startCpu;
        long workers = since(cpuOf(CpuTimeProfiler::isWorker), startWorkers);
        long pool = since(cpuOf(CpuTimeProfiler::isPoolThread), startPool);
        long ops = result.getMetadata().getMeasuredOps();
        return List.of(new ScalarResult("cpu.time.norm", perOp(cpu, ops), "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.workers.norm", perOp(workers, ops), "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.pool.norm", perOp(pool, ops), "ns/op", AggregationPolicy.AVG));
    }

    private static double perOp(long nanos, long ops) {
        return ops == 0 ? Double.NaN : (double) nanos / ops;
    }

    private static long since(Map<Long, Long> now, Map<Long, Long> start) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            sum += e.getValue() - start.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    private static boolean isWorker(String threadName) {
        return threadName.contains("-jmh-worker-");
    }

    /** Whether a thread is a pool's own: named after the pool ({@code bench-monitor}, {@code bare:housekeeper}). */
    static boolean isPoolThread(String threadName) {
        return threadName.startsWith("bench-") || threadName.startsWith("bench:") || threadName.startsWith("bare:")
                || threadName.startsWith("flexy:");
    }

    /** The CPU time of every live thread whose name {@code select} accepts, by thread id. */
    private Map<Long, Long> cpuOf(Predicate<String> select) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && select.test(info.getThreadName())) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                }
            }
        }
        return cpu;
    }
}
