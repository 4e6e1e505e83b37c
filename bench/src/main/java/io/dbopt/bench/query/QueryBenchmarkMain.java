package io.dbopt.bench.query;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the query profiler benchmarks in sample-time mode with JMH's GC profiler and prints, for each layer, the
 * mean and median time per statement, the ratio of medians to bare HikariCP, the nanoseconds added and the bytes
 * allocated per statement. The median is printed because on a shared machine the mean mostly measures
 * preemption. {@code --long} is the quiet-machine configuration (3 forks, 5 x 2 s warm-up, 10 x 2 s measured);
 * the default is a short smoke run (1 fork, 2 x 1 s, 3 x 1 s). {@code --stub-only} skips PostgreSQL.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.query.QueryBenchmarkMain [--long] [--stub-only]
 * </pre>
 */
public final class QueryBenchmarkMain {

    private QueryBenchmarkMain() {
    }

    /**
     * One layer's figures.
     *
     * @param mean mean time per operation
     * @param median median time per operation
     * @param bytes bytes allocated per operation
     */
    private record Figures(double mean, double median, double bytes) {
    }

    public static void main(String[] args) throws RunnerException {
        List<String> options = Arrays.asList(args);
        boolean longRun = options.contains("--long");
        Map<String, Figures> stub = run(ProfilerOverheadBenchmark.class, longRun, TimeUnit.NANOSECONDS);
        Map<String, Figures> pg = options.contains("--stub-only") ? Map.of()
                : run(PostgresLookupBenchmark.class, longRun, TimeUnit.MICROSECONDS);

        System.out.println();
        System.out.println("Statement cycle over HikariCP on a stub driver (ns per statement, lower is better)");
        System.out.printf("%-18s %10s %10s %16s %14s %10s%n", "layer", "mean", "median", "median vs bare",
                "added (med.)", "B/op");
        Figures bare = stub.get("bare");
        for (String layer : Layers.ALL) {
            Figures f = stub.get(layer);
            if (f != null && bare != null) {
                System.out.printf("%-18s %10.1f %10.1f %15.2fx %14.1f %10.0f%n", layer, f.mean(), f.median(),
                        f.median() / bare.median(), f.median() - bare.median(), f.bytes());
            }
        }
        System.out.println("goals: dbopt adds <= 150 ns per statement and is never slower than datasource-proxy");
        if (!pg.isEmpty()) {
            System.out.println();
            System.out.println("Primary-key lookup on PostgreSQL through HikariCP (us per lookup; throughput ratio = "
                    + "bare median / layer median, higher is better)");
            System.out.printf("%-18s %10s %10s %18s%n", "layer", "mean", "median", "throughput ratio");
            Figures pgBare = pg.get("bare");
            for (String layer : Layers.ALL) {
                Figures f = pg.get(layer);
                if (f != null && pgBare != null) {
                    System.out.printf("%-18s %10.2f %10.2f %17.3fx%n", layer, f.mean(), f.median(),
                            pgBare.median() / f.median());
                }
            }
            System.out.println("goal: dbopt >= 0.97x of bare");
        }
    }

    private static Map<String, Figures> run(Class<?> benchmark, boolean longRun, TimeUnit unit)
            throws RunnerException {
        Options options = new OptionsBuilder()
                .include(benchmark.getName())
                .mode(Mode.SampleTime)
                .timeUnit(unit)
                .addProfiler(GCProfiler.class)
                .forks(longRun ? 3 : 1)
                .warmupIterations(longRun ? 5 : 2)
                .warmupTime(TimeValue.seconds(longRun ? 2 : 1))
                .measurementIterations(longRun ? 10 : 3)
                .measurementTime(TimeValue.seconds(longRun ? 2 : 1))
                .threads(1)
                .build();
        Map<String, Figures> figures = new HashMap<>();
        for (RunResult r : new Runner(options).run()) {
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            figures.put(r.getParams().getParam("layer"), new Figures(primary.getScore(),
                    primary.getStatistics().getPercentile(50), alloc == null ? Double.NaN : alloc.getScore()));
        }
        return figures;
    }
}
