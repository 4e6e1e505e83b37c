package io.dbopt.bench.pool;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PoolBenchmark} and prints each pool's throughput as a ratio of bare HikariCP's, per benchmark and
 * thread count. {@code --long} runs the quiet-machine configuration (3 forks, 5 x 2 s warm-up, 10 x 2 s measured);
 * the default is a short smoke run (1 fork, 2 x 1 s, 3 x 1 s).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.pool.PoolBenchmarkMain [--long]
 * </pre>
 */
public final class PoolBenchmarkMain {

    private PoolBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean longRun = args.length > 0 && args[0].equals("--long");
        Map<String, Double> scores = new TreeMap<>();
        for (int threads : new int[] {1, 4}) {
            Options options = new OptionsBuilder()
                    .include(PoolBenchmark.class.getName())
                    .forks(longRun ? 3 : 1)
                    .warmupIterations(longRun ? 5 : 2)
                    .warmupTime(TimeValue.seconds(longRun ? 2 : 1))
                    .measurementIterations(longRun ? 10 : 3)
                    .measurementTime(TimeValue.seconds(longRun ? 2 : 1))
                    .threads(threads)
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            for (RunResult r : results) {
                String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
                String pool = r.getParams().getParam("pool");
                scores.put(method + "|" + threads + "|" + pool, r.getPrimaryResult().getScore());
            }
        }
        System.out.println();
        System.out.println("Pool overhead on a stub driver (throughput, ops/us; ratio = pool / bare HikariCP)");
        System.out.printf("%-20s %7s %10s %10s %10s %12s %12s%n", "benchmark", "threads", "hikari", "dbopt",
                "flexy", "dbopt/hikari", "flexy/hikari");
        for (String method : new String[] {"getConnectionClose", "statementCycle"}) {
            for (int threads : new int[] {1, 4}) {
                double hikari = scores.getOrDefault(method + "|" + threads + "|hikari", Double.NaN);
                double dbopt = scores.getOrDefault(method + "|" + threads + "|dbopt", Double.NaN);
                double flexy = scores.getOrDefault(method + "|" + threads + "|flexy", Double.NaN);
                System.out.printf("%-20s %7d %10.3f %10.3f %10.3f %11.2fx %11.2fx%n", method, threads, hikari, dbopt,
                        flexy, dbopt / hikari, flexy / hikari);
            }
        }
        System.out.println("goal: dbopt/hikari >= 0.95x");
    }
}
