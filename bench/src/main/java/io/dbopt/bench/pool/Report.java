package io.dbopt.bench.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints {@link TpcbScenario}'s rounds: for every thread count the best fixed size of each round (the smallest within
 * 5 % of the highest TPS) and each contender's TPS against that peak and p99 against the best size's p99, per round
 * and as the median of the rounds; for the spike the same per phase against the fixed size with the most
 * transactions over the three phases; and how long the adaptive pool took to come within one connection of the best
 * fixed size. Stateless.
 */
final class Report {

    private static final String[] CONTENDERS = {"adaptive", "hikari-10", "seed-10+20", "flexy"};

    private Report() {
    }

    static void print(List<TpcbScenario.Round> rounds, int[] threads, boolean spike) {
        System.out.println();
        System.out.println("Steady load, " + rounds.size() + " round(s): TPS / peak fixed TPS and p99 / best fixed "
                + "p99, each round, then the median (goal for adaptive: TPS >= 0.95x, p99 <= 1.2x)");
        for (int t : threads) {
            List<String> best = new ArrayList<>();
            for (TpcbScenario.Round r : rounds) {
                best.add(bestFixed(r.steady(), t));
            }
            System.out.printf("%3d threads: best fixed size per round %s%n", t, best);
            for (String contender : CONTENDERS) {
                List<Double> tps = new ArrayList<>();
                List<Double> p99 = new ArrayList<>();
                List<Double> converge = new ArrayList<>();
                List<Integer> finalSize = new ArrayList<>();
                for (TpcbScenario.Round r : rounds) {
                    Map<Integer, TpcbScenario.Steady> runs = r.steady().get(contender);
                    if (runs == null || runs.get(t) == null) {
                        continue;
                    }
                    String b = bestFixed(r.steady(), t);
                    TpcbScenario.Result bestResult = r.steady().get(b).get(t).result();
                    TpcbScenario.Result mine = runs.get(t).result();
                    tps.add(mine.tps() / peak(r.steady(), t));
                    p99.add(mine.p99Millis() / bestResult.p99Millis());
                    finalSize.add(mine.finalSize());
                    if (runs.get(t).trace() != null) {
                        converge.add(runs.get(t).trace().secondsToReach(bestResult.finalSize(), 0));
                    }
                }
                if (tps.isEmpty()) {
                    continue;
                }
                System.out.printf("    %-10s TPS %s -> %.2fx   p99 %s -> %.2fx   final size %s%s%n", contender,
                        list(tps), PoolBenchmarkMain.median(tps), list(p99), PoolBenchmarkMain.median(p99),
                        finalSize, converge.isEmpty() ? "" : "   seconds to within 1 of best " + converge);
            }
        }
        printConfirmations(rounds, threads);
        if (spike) {
            printSpike(rounds);
        }
    }

    /**
     * The confirmation pairs: the adaptive pool's re-run against the re-run of the sweep's best size, back to back,
     * per round and their median. Unlike the ratio to the sweep's peak (the highest of several draws, biased upwards
     * where sizes tie), both sides are single draws.
     */
    private static void printConfirmations(List<TpcbScenario.Round> rounds, int[] threads) {
        if (rounds.stream().allMatch(r -> r.confirmations().isEmpty())) {
            return;
        }
        System.out.println();
        System.out.println("Confirmation pairs (the best fixed size and adaptive once more, back to back): adaptive "
                + "TPS / best size TPS and p99 / best size p99, each round, then the median");
        for (int t : threads) {
            List<Double> tps = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<String> sizes = new ArrayList<>();
            for (TpcbScenario.Round r : rounds) {
                TpcbScenario.Confirmation c = r.confirmations().get(t);
                if (c != null) {
                    tps.add(c.adaptive().tps() / c.best().tps());
                    p99.add(c.adaptive().p99Millis() / c.best().p99Millis());
                    sizes.add(c.bestSize() + " vs " + c.adaptive().finalSize());
                }
            }
            if (!tps.isEmpty()) {
                System.out.printf("%3d threads: adaptive TPS %s -> %.2fx   p99 %s -> %.2fx   (best size vs adaptive's "
                                + "final size %s)%n", t, list(tps), PoolBenchmarkMain.median(tps), list(p99),
                        PoolBenchmarkMain.median(p99), sizes);
            }
        }
    }

    private static void printSpike(List<TpcbScenario.Round> rounds) {
        System.out.println();
        System.out.println("Spike 4 -> 64 -> 4 threads on one pool: per phase, TPS / best fixed TPS and p99 / best "
                + "fixed p99 (best = most transactions over the spike), median of the rounds");
        for (String contender : CONTENDERS) {
            List<List<Double>> tps = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<List<Double>> p99 = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<String> bests = new ArrayList<>();
            List<Double> converge = new ArrayList<>();
            for (TpcbScenario.Round r : rounds) {
                List<TpcbScenario.Result> mine = r.spike().get(contender);
                if (mine == null) {
                    continue;
                }
                String best = bestSpike(r.spike());
                bests.add(best);
                List<TpcbScenario.Result> b = r.spike().get(best);
                for (int i = 0; i < 3; i++) {
                    tps.get(i).add(mine.get(i).tps() / b.get(i).tps());
                    p99.get(i).add(mine.get(i).p99Millis() / b.get(i).p99Millis());
                }
                if (contender.equals("adaptive") && !r.spikeTrace().points().isEmpty()) {
                    // within one of the best fixed size for 64 threads (the spike's best when 64 was not swept)
                    String target = r.steady().containsKey("fixed-2") && r.steady().get("fixed-2").containsKey(64)
                            ? bestFixed(r.steady(), 64) : best;
                    int bestSize = Integer.parseInt(target.replace("fixed-", ""));
                    converge.add(r.spikeTrace().secondsToReach(bestSize, r.spikeHighFromMillis()));
                }
            }
            if (bests.isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("    %-10s best %s:", contender, bests));
            for (int i = 0; i < 3; i++) {
                line.append(String.format("  phase %d TPS %.2fx p99 %.2fx", i + 1, PoolBenchmarkMain.median(tps.get(i)),
                        PoolBenchmarkMain.median(p99.get(i))));
            }
            if (!converge.isEmpty()) {
                line.append("  seconds after 4 -> 64 threads until within 1 of the best size for 64 ").append(converge);
            }
            System.out.println(line);
        }
    }

    /** The smallest fixed size within 5 % of the highest fixed TPS. */
    static String bestFixed(Map<String, Map<Integer, TpcbScenario.Steady>> steady, int threads) {
        double peak = peak(steady, threads);
        String best = null;
        int bestSize = Integer.MAX_VALUE;
        for (Map.Entry<String, Map<Integer, TpcbScenario.Steady>> e : steady.entrySet()) {
            if (e.getKey().startsWith("fixed-") && e.getValue().get(threads).result().tps() >= peak * 0.95) {
                int size = Integer.parseInt(e.getKey().substring("fixed-".length()));
                if (size < bestSize) {
                    bestSize = size;
                    best = e.getKey();
                }
            }
        }
        return best;
    }

    static double peak(Map<String, Map<Integer, TpcbScenario.Steady>> steady, int threads) {
        return steady.entrySet().stream().filter(e -> e.getKey().startsWith("fixed-"))
                .mapToDouble(e -> e.getValue().get(threads).result().tps()).max().orElse(Double.NaN);
    }

    /** The fixed size that completed the most transactions over the three spike phases. */
    private static String bestSpike(Map<String, List<TpcbScenario.Result>> spike) {
        String best = null;
        double most = -1;
        for (Map.Entry<String, List<TpcbScenario.Result>> e : spike.entrySet()) {
            if (e.getKey().startsWith("fixed-")) {
                double total = e.getValue().stream().mapToDouble(TpcbScenario.Result::tps).sum();
                if (total > most) {
                    most = total;
                    best = e.getKey();
                }
            }
        }
        return best;
    }

    private static String list(List<Double> values) {
        return values.stream().map(v -> String.format("%.2f", v)).toList().toString();
    }
}
