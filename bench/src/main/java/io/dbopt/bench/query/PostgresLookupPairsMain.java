package io.dbopt.bench.query;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link PostgresLookupBenchmark} in throughput mode as pairs of JMH forks, one fork of bare HikariCP and one of
 * the layer under test, alternating which runs first (bare then layer, layer then bare, ...), and prints each fork's
 * score, each layer's median and the median of the pairs' ratios (layer / bare).
 *
 * <p>Why not {@code -f 3 -p layer=bare,dbopt}: JMH runs all forks of one parameter before the next, so the three bare
 * forks and the three dbopt forks run a minute apart, and a single lookup (a loopback round trip to a server
 * process sharing the machine's cores) varies by 10-30 % from fork to fork (measured: fork means of 9.8, 11.7 and
 * 13.2 ops/ms for the same layer): whatever the machine or the server does in one block of forks and not in the
 * other (another process, the server's caches and checkpoints, CPU frequency) lands on one layer only. Pairing
 * adjacent forks and alternating their order spreads such drifts over both layers, and the median of the pairs'
 * ratios is not moved by one disturbed pair. Each fork still makes its own throwaway database, as the benchmark
 * does when run alone.</p>
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.dbopt.bench.query.PostgresLookupPairsMain [pairs] [layer]
 * </pre>
 *
 * <p>Defaults: 6 pairs, layer {@code dbopt}; each fork warms up 3 x 2 s and measures 5 x 2 s (the settings of the
 * documented {@code -f 3} command), about 25 s per fork with its database.</p>
 */
public final class PostgresLookupPairsMain {

    private static final String BARE = "bare";

    private PostgresLookupPairsMain() {
    }

    public static void main(String[] args) throws RunnerException {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        String layer = args.length > 1 ? args[1] : "dbopt";
        if (pairs < 1 || BARE.equals(layer) || !Arrays.asList(Layers.ALL).contains(layer)) {
            throw new IllegalArgumentException("Usage: PostgresLookupPairsMain [pairs >= 1] [layer other than bare, "
                    + "one of " + String.join(", ", Layers.ALL) + "]; was " + Arrays.toString(args));
        }
        double loadAtStart = load();
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        scores.put(BARE, new ArrayList<>());
        scores.put(layer, new ArrayList<>());
        List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            String first = pair % 2 == 0 ? BARE : layer;
            String second = first.equals(BARE) ? layer : BARE;
            double a = fork(first);
            double b = fork(second);
            scores.get(first).add(a);
            scores.get(second).add(b);
            double ratio = first.equals(BARE) ? b / a : a / b;
            ratios.add(ratio);
            System.out.printf("pair %d: %s %.3f, %s %.3f ops/ms, %s / bare %.3f (load %.1f)%n", pair + 1, first, a,
                    second, b, layer, ratio, load());
        }
        System.out.println();
        System.out.printf("Primary-key lookup on PostgreSQL, %d pairs of forks in alternating order, ops/ms "
                + "(load average %.1f at the start, %.1f at the end)%n", pairs, loadAtStart, load());
        for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
            System.out.printf("%-18s median %8.3f   forks %s%n", e.getKey(), median(e.getValue()),
                    format(e.getValue()));
        }
        System.out.printf("%-18s median %8.3fx  pairs %s%n", layer + " / bare", median(ratios), format(ratios));
        System.out.printf("ratio of the layers' medians %.3fx; goal for dbopt: >= 0.97x%n",
                median(scores.get(layer)) / median(scores.get(BARE)));
    }

    /** One JMH fork of the benchmark for one layer: its throughput in lookups per millisecond. */
    private static double fork(String layer) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(PostgresLookupBenchmark.class.getName() + ".primaryKeyLookup")
                .param("layer", layer)
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.MILLISECONDS)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .threads(1)
                .verbosity(VerboseMode.SILENT)
                .build();
        RunResult result = new Runner(options).runSingle();
        return result.getPrimaryResult().getScore();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(List<Double> values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format("%.3f", v));
        }
        return s.toString();
    }
}
