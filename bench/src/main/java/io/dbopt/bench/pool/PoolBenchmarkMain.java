package io.dbopt.bench.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PoolBenchmark} in rounds and prints each pool's throughput as a ratio of bare HikariCP's, per benchmark
 * and thread count (1, 4 and 16): one ratio per round, where every pool ran once side by side, and their median. The
 * default is 3 rounds of a short run (1 fork, 5 x 1 s warm-up (10 at 16 threads on 2 cores), 3 x 1 s measured, about
 * ten minutes); {@code --long} is the quiet-machine configuration (5 rounds, 5 (10) x 2 s warm-up, 5 x 2 s measured);
 * {@code --rounds N},
 * {@code --threads 1,4}, {@code --warmup N} (warm-up iterations; by default 5, or 10 at thread counts of four times
 * the cores or more, {@link #defaultWarmup(int)}), {@code --measure N} (measured iterations) and
 * {@code --pools hikari,dbopt} override. {@code --cpu} also measures the JVM's CPU time per operation
 * ({@link CpuTimeProfiler}), of the whole JVM and of the benchmark threads alone, and prints their ratios, which a
 * machine busy with other work distorts far less than throughput. Warm-up matters at 16 threads on a 2-core machine:
 * the JIT competes with the benchmark's threads there, and every pool takes 3 to 6 s (quiet) or 10 to 20 s (loaded)
 * to reach its steady throughput, which pool first varying from run to run, so a short warm-up measured the JIT, not
 * the pool.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.pool.PoolBenchmarkMain [--long] [--rounds N] [--threads 1,4,16]
 *     [--warmup N] [--measure N] [--pools hikari,dbopt,dbopt-meters,flexy] [--cpu]
 * </pre>
 */
public final class PoolBenchmarkMain {

    private static final String[] POOLS = {"hikari", "dbopt", "dbopt-meters", "flexy"};
    private static final String[] METHODS = {"getConnectionClose", "statementCycle"};

    private PoolBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean longRun = Arrays.asList(args).contains("--long");
        boolean cpu = Arrays.asList(args).contains("--cpu");
        int rounds = intArg(args, "--rounds", longRun ? 5 : 3);
        int[] threads = Arrays.stream(stringArg(args, "--threads", "1,4,16").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        // -1: 5 warm-up iterations, or 10 where the threads outnumber the cores four times or more (see the class doc)
        int warmup = intArg(args, "--warmup", -1);
        int measure = intArg(args, "--measure", longRun ? 5 : 3);
        String[] pools = stringArg(args, "--pools", String.join(",", POOLS)).split(",");
        // scores.get(method|threads|pool) = one score per round
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        // cpu.get(method|threads|pool) = CPU nanoseconds per operation, one per round
        Map<String, List<Double>> cpuScores = new LinkedHashMap<>();
        // the same for the JMH worker threads only (no JIT, GC or pool background threads)
        Map<String, List<Double>> workerScores = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (int t : threads) {
                OptionsBuilder builder = new OptionsBuilder();
                if (cpu) {
                    builder.addProfiler(CpuTimeProfiler.class);
                }
                Options options = builder
                        .include(PoolBenchmark.class.getName())
                        .param("pool", pools)
                        .forks(1)
                        .warmupIterations(warmup >= 0 ? warmup : defaultWarmup(t))
                        .warmupTime(TimeValue.seconds(longRun ? 2 : 1))
                        .measurementIterations(measure)
                        .measurementTime(TimeValue.seconds(longRun ? 2 : 1))
                        .threads(t)
                        .build();
                for (RunResult r : new Runner(options).run()) {
                    String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
                    String pool = r.getParams().getParam("pool");
                    scores.computeIfAbsent(method + "|" + t + "|" + pool, k -> new ArrayList<>())
                            .add(r.getPrimaryResult().getScore());
                    if (cpu && r.getSecondaryResults().containsKey("cpu.time.norm")) {
                        // the inverse, so that a ratio above 1 means cheaper, as throughput ratios do
                        cpuScores.computeIfAbsent(method + "|" + t + "|" + pool, k -> new ArrayList<>())
                                .add(1_000.0 / r.getSecondaryResults().get("cpu.time.norm").getScore());
                    }
                    if (cpu && r.getSecondaryResults().containsKey("cpu.workers.norm")) {
                        workerScores.computeIfAbsent(method + "|" + t + "|" + pool, k -> new ArrayList<>())
                                .add(1_000.0 / r.getSecondaryResults().get("cpu.workers.norm").getScore());
                    }
                }
            }
            print("throughput (ops/us)", scores, threads, round);
            if (cpu) {
                print("operations per CPU microsecond (the inverse of CPU time per operation)", cpuScores, threads,
                        round);
                print("operations per CPU microsecond of the benchmark threads only (no JIT, GC or pool background "
                        + "threads)", workerScores, threads, round);
            }
        }
    }

    /**
     * Warm-up iterations at {@code threads} threads: 5, or 10 when the threads outnumber the cores four times or more.
     * There the JIT's compiler threads get a small share of the CPU, and the benchmark's path reaches C2 after 3 to 6 s
     * on a quiet 2-core machine and 10 to 20 s on a loaded one, at a time that varies from run to run by more than
     * the pools differ; 5 s of warm-up measured that.
     */
    static int defaultWarmup(int threads) {
        return threads >= 4 * Runtime.getRuntime().availableProcessors() ? 10 : 5;
    }

    private static void print(String what, Map<String, List<Double>> scores, int[] threads, int rounds) {
        System.out.println();
        System.out.println("Pool overhead on a stub driver after " + rounds + " round(s): " + what + ", median of "
                + "the rounds; ratio = pool / bare HikariCP in the same round, median of the rounds (each round's)");
        System.out.printf("%-20s %7s %9s %9s %9s %9s %26s %26s %16s%n", "benchmark", "threads", "hikari", "dbopt",
                "+meters", "flexy", "dbopt/hikari", "+meters/hikari", "flexy/hikari");
        for (String method : METHODS) {
            for (int t : threads) {
                List<Double> hikari = scores.getOrDefault(method + "|" + t + "|hikari", List.of());
                StringBuilder line = new StringBuilder(String.format("%-20s %7d", method, t));
                for (String pool : POOLS) {
                    line.append(String.format(" %9.3f", median(scores.getOrDefault(method + "|" + t + "|" + pool,
                            List.of()))));
                }
                for (String pool : new String[] {"dbopt", "dbopt-meters", "flexy"}) {
                    List<Double> ratios = new ArrayList<>();
                    List<Double> s = scores.getOrDefault(method + "|" + t + "|" + pool, List.of());
                    for (int i = 0; i < Math.min(s.size(), hikari.size()); i++) {
                        ratios.add(s.get(i) / hikari.get(i));
                    }
                    String each = ratios.size() > 1 ? " (" + String.join(", ", ratios.stream()
                            .map(x -> String.format("%.2f", x)).toList()) + ")" : "";
                    line.append(String.format(pool.equals("flexy") ? " %16s" : " %26s",
                            String.format("%.2fx", median(ratios)) + (pool.equals("flexy") ? "" : each)));
                }
                System.out.println(line);
            }
        }
        System.out.println("goal: dbopt/hikari >= 0.95x at every thread count");
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
