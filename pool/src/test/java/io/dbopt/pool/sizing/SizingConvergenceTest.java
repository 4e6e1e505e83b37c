package io.dbopt.pool.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.pool.SizingDecision.Action;
import io.dbopt.pool.SizingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sizing rule against a synthetic closed-loop server whose throughput rises up to 8-12 connections, flattens and
 * then falls, with noisy intervals: the curve measured by {@code TpcbScenario} on a 2-core PostgreSQL (doubling from
 * 2 to 4 brings only about 12 %, from 4 to 8 about 20 %, past 12 nothing, past 16 less). Pure logic, no database.
 */
class SizingConvergenceTest {

    private static final long TICK = 500_000_000L;
    private static final int[] SIZES = {1, 2, 4, 6, 8, 10, 12, 16, 24, 32, 64};
    private static final double[] TPS = {1_700, 2_900, 3_250, 3_600, 3_900, 3_950, 4_000, 3_950, 3_500, 3_000, 2_000};
    private static final double PEAK = 4_000;
    /** Each interval's throughput is off by up to this share, as on a machine shared with other work. */
    private static final double NOISE = 0.04;

    /** The benchmark's policy: the defaults with a 10 s shrinkAfter. */
    private final SizingController controller = new SizingController(SizingPolicy.builder()
            .shrinkAfter(Duration.ofSeconds(10)).build());
    private final Random random = new Random(17);
    private long now;
    private int size = 2;

    /** Throughput with {@code n} connections busy, interpolated between the measured sizes. */
    private static double tps(int n) {
        for (int i = 1; i < SIZES.length; i++) {
            if (n <= SIZES[i]) {
                double f = (double) (n - SIZES[i - 1]) / (SIZES[i] - SIZES[i - 1]);
                return TPS[i - 1] + f * (TPS[i] - TPS[i - 1]);
            }
        }
        return TPS[TPS.length - 1];
    }

    /**
     * Runs {@code threads} closed-loop clients for {@code ticks} intervals; adds the size in effect during each
     * interval to {@code sizes} and returns the noiseless throughput of each interval.
     */
    private List<Double> run(int threads, int ticks, List<Integer> sizes) {
        List<Double> throughput = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            now += TICK;
            int busy = Math.min(size, threads);
            double x = tps(busy) * (1 + NOISE * (2 * random.nextDouble() - 1));
            int pending = Math.max(0, threads - size);
            long completions = Math.round(x * TICK / 1e9);
            long hold = Math.round(busy / x * 1e9);
            long acquireP95 = pending > 0 ? Math.round(2 * pending / x * 1e9) : 0;
            sizes.add(size);
            throughput.add(tps(busy));
            SizingController.Outcome o = controller.decide(new SizingSample(now, size, 2, 32, busy, pending, TICK,
                    completions, hold, acquireP95, 0, false, false, 0, 1, 100, false, 0, hold));
            if (o.action() != Action.HOLD) {
                size = o.target();
            }
        }
        return throughput;
    }

    /** The first interval from which the size stays within {@code [low, high]}, -1 when it never settles there. */
    private static int settledFrom(List<Integer> sizes, int low, int high) {
        int from = -1;
        for (int i = 0; i < sizes.size(); i++) {
            boolean in = sizes.get(i) >= low && sizes.get(i) <= high;
            if (in && from < 0) {
                from = i;
            } else if (!in) {
                from = -1;
            }
        }
        return from;
    }

    private static double mean(List<Double> values, int from) {
        return values.subList(from, values.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double minimum(List<Double> values, int from) {
        return values.subList(from, values.size()).stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    @Test
    void theCurveHasItsBestSizeAtEight() {
        // the smallest size within 5 % of the peak, as the benchmark picks the best fixed size
        int best = 1;
        while (tps(best) < 0.95 * PEAK) {
            best++;
        }
        assertThat(best).isEqualTo(8);
    }

    @Test
    void findsTheBestSizeAtSixteenThreadsFromTwoConnections() {
        List<Integer> sizes = new ArrayList<>();
        List<Double> tps = run(16, 120, sizes);
        // within 1 of the best size (8) or anywhere else within 5 % of the peak, from 15 s on at the latest
        int settled = settledFrom(sizes, 7, 16);
        assertThat(settled).as("sizes %s", sizes).isBetween(0, 30);
        assertThat(mean(tps, 30)).as("sizes %s", sizes).isGreaterThanOrEqualTo(0.95 * PEAK);
        assertThat(sizes.subList(30, sizes.size())).as("within 1 of the best size most of the time: %s", sizes)
                .filteredOn(n -> Math.abs(n - 8) <= 1).hasSizeGreaterThan((sizes.size() - 30) * 3 / 4);
    }

    @Test
    void findsTheBestSizeAtSixtyFourThreadsAndDoesNotStayWhereThroughputFalls() {
        List<Integer> sizes = new ArrayList<>();
        List<Double> tps = run(64, 120, sizes);
        int settled = settledFrom(sizes, 7, 16);
        assertThat(settled).as("sizes %s", sizes).isBetween(0, 30);
        assertThat(mean(tps, 30)).as("sizes %s", sizes).isGreaterThanOrEqualTo(0.95 * PEAK);
        assertThat(minimum(tps, 30)).as("probes never go where throughput falls by more than 5 %%: %s", sizes)
                .isGreaterThanOrEqualTo(0.95 * PEAK);
    }

    @Test
    void fourThreadsNeedFourConnections() {
        List<Integer> sizes = new ArrayList<>();
        List<Double> tps = run(4, 60, sizes);
        assertThat(settledFrom(sizes, 4, 6)).as("sizes %s", sizes).isBetween(0, 10);
        assertThat(mean(tps, 10)).isEqualTo(tps(4));
    }

    @Test
    void followsASpikeFromFourToSixtyFourThreadsAndBack() {
        List<Integer> sizes = new ArrayList<>();
        run(4, 20, sizes);
        List<Integer> high = new ArrayList<>();
        List<Double> tps = run(64, 60, high);
        assertThat(settledFrom(high, 7, 16)).as("sizes %s", high).isBetween(0, 20);
        assertThat(mean(tps, 20)).as("sizes %s", high).isGreaterThanOrEqualTo(0.95 * PEAK);
        List<Integer> low = new ArrayList<>();
        List<Double> after = run(4, 60, low);
        assertThat(minimum(after, 0)).as("never below the 4 connections 4 threads need: %s", low)
                .isEqualTo(tps(4));
    }
}
