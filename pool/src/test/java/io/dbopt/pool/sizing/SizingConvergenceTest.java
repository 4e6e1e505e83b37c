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
    /** The server's curve: sizes and their steady throughput. */
    private int[] curveSizes = SIZES;
    private double[] curveTps = TPS;
    /** Intervals since the pool started, and since its last growth. */
    private int tick;
    private int sinceGrowth = Integer.MAX_VALUE / 2;
    /** What a fresh pool's first second measures against the steady throughput of its size. */
    private double firstSecond = 1;
    /** What the {@link #coldIntervals} after a growth measure against the steady throughput of the new size. */
    private double cold = 1;
    private int coldIntervals;
    /** A fresh pool warming up: its first intervals do {@link #warmFrom} of the steady throughput, rising linearly. */
    private int warmIntervals;
    private double warmFrom = 1;

    /** Throughput with {@code n} connections busy, interpolated between the curve's sizes. */
    private double tps(int n) {
        for (int i = 1; i < curveSizes.length; i++) {
            if (n <= curveSizes[i]) {
                double f = (double) (n - curveSizes[i - 1]) / (curveSizes[i] - curveSizes[i - 1]);
                return curveTps[i - 1] + f * (curveTps[i] - curveTps[i - 1]);
            }
        }
        return curveTps[curveTps.length - 1];
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
            double conditions = (tick < 2 ? firstSecond : 1) * (sinceGrowth < coldIntervals ? cold : 1)
                    * (tick < warmIntervals ? warmFrom + (1 - warmFrom) * tick / warmIntervals : 1);
            tick++;
            sinceGrowth++;
            double x = tps(busy) * conditions * (1 + NOISE * (2 * random.nextDouble() - 1));
            int pending = Math.max(0, threads - size);
            long completions = Math.round(x * TICK / 1e9);
            long hold = Math.round(busy / x * 1e9);
            long acquireP95 = pending > 0 ? Math.round(2 * pending / x * 1e9) : 0;
            sizes.add(size);
            throughput.add(tps(busy));
            SizingController.Outcome o = controller.decide(new SizingSample(now, size, 2, 32, busy, pending, TICK,
                    completions, hold, acquireP95, 0, false, false, 0, 1, 100, false, 0, hold));
            if (o.action() != Action.HOLD) {
                if (o.target() > size) {
                    sinceGrowth = 0;
                }
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

    /**
     * The benchmark measures a fresh pool from 2 s to 7 s after it started (4 to 14 intervals): at 16 threads the pool
     * must be near its best size within the 2-s warm-up. Growing 2 -> 4 -> 8 one doubling at a time, each judged over
     * 2.5 s, it spent the first 1.5 s of the measured window at 4 (0.91x of the peak, as the benchmark measured).
     */
    @Test
    void atSixteenThreadsTheBenchmarksMeasuredWindowIsNearThePeak() {
        List<Integer> sizes = new ArrayList<>();
        List<Double> tps = run(16, 14, sizes);
        assertThat(mean(tps, 4)).as("sizes %s", sizes).isGreaterThanOrEqualTo(0.95 * PEAK);
    }

    /**
     * The 4-thread failure of the quiet machine (stop 24): 2 connections measured 3,182/s in a fresh pool's first
     * second where 2 do 2,500/s warm, and 4 measured 3,073/s right after the growth where 4 do 3,300/s warm, so the
     * growth 2 -> 4 looked like -3 % and was undone, and the pool spent the next seconds at 2 and 3. Since stop 25 the
     * smaller size measured again right after going back showed the growth paid off and the pool grew back; since stop
     * 28 a growth out of the floor that seats at most twice the floor is not judged, and the pool stays at 4.
     */
    @Test
    void fourThreadsGoBackToFourWhenTheFirstMeasurementAtTwoWasOff() {
        curveSizes = new int[] {1, 2, 3, 4, 64};
        curveTps = new double[] {1_500, 2_500, 2_900, 3_300, 3_300};
        firstSecond = 1.27;
        cold = 0.93;
        coldIntervals = 5;
        List<Integer> sizes = new ArrayList<>();
        List<Double> tps = run(4, 60, sizes);
        assertThat(settledFrom(sizes, 4, 6)).as("sizes %s", sizes).isBetween(0, 10);
        assertThat(mean(tps, 10)).as("sizes %s", sizes).isEqualTo(tps(4));
        assertThat(mean(tps, 4)).as("the benchmark's measured window, sizes %s", sizes)
                .isGreaterThanOrEqualTo(0.9 * tps(4));
    }

    /**
     * The spike's first phase (stop 26, quiet machine: p99 1.38x the best fixed size's): 4 clients on a fresh pool at
     * its floor of 2. The growth 2 -> 4 was judged against the floor's throughput of the load's first second; where
     * that measured high (+27 %, as on the quiet machine) the growth looked like no gain, was undone while the
     * benchmark measured (2 s to 7 s), and 2 of the 4 clients waited again for the second it took to measure 2 once
     * more. Over 20 draws of the noise the old rule went back to 2 inside the measured window in all 20; a growth out of
     * the floor that seats every borrower (at most twice the floor) is not judged, and the pool stays at 4.
     */
    @Test
    void fourClientsAtTheFloorAreNotSentBackToTwoWhileTheBenchmarkMeasures() {
        List<String> wentBack = new ArrayList<>();
        for (int seed = 0; seed < 20; seed++) {
            SizingConvergenceTest sim = new SizingConvergenceTest();
            sim.random.setSeed(seed);
            sim.curveSizes = new int[] {1, 2, 3, 4, 64};
            sim.curveTps = new double[] {1_500, 2_500, 2_900, 3_300, 3_300};
            sim.firstSecond = 1.27;
            List<Integer> sizes = new ArrayList<>();
            sim.run(4, 40, sizes);
            if (sizes.subList(3, sizes.size()).stream().anyMatch(n -> n != 4)) {
                wentBack.add("seed " + seed + ": " + sizes);
            }
        }
        assertThat(wentBack).as("draws that left 4 connections after the growth").isEmpty();
    }

    /**
     * The re-measurement of an undone growth (stop 25) where the growth out of the floor is still judged: 6 clients
     * on 2 connections (more than twice the floor), the floor measured 27 % high in the load's first second and the
     * new connections 7 % low, so 2 -> 6 looks like 5 % where 12.7 % is needed and is undone; 2 measured again does
     * 2,500/s against 6's 3,350/s, and the pool grows straight back.
     */
    @Test
    void sixThreadsGoBackToSixWhenTheFirstMeasurementAtTwoWasOff() {
        curveSizes = new int[] {1, 2, 3, 4, 6, 64};
        curveTps = new double[] {1_500, 2_500, 2_900, 3_300, 3_600, 3_600};
        firstSecond = 1.27;
        cold = 0.93;
        coldIntervals = 5;
        List<Integer> sizes = new ArrayList<>();
        List<Double> tps = run(6, 60, sizes);
        assertThat(sizes).as("the growth out of the floor was judged and undone once").contains(6)
                .containsSubsequence(6, 2, 6);
        assertThat(settledFrom(sizes, 6, 6)).as("sizes %s", sizes).isBetween(0, 12);
        assertThat(mean(tps, 12)).as("sizes %s", sizes).isEqualTo(tps(6));
    }

    /**
     * The rule that a growth which only moves the queue into the database is undone holds under the same conditions
     * (a fresh pool's first second high, new connections slow at first): with the curve flat from 8 to 16, the pool
     * measured again at 8 does as much as 16 did, and stays near 8.
     */
    @Test
    void aGrowthThatOnlyMovesTheQueueIsStillUndoneWhenTheFirstMeasurementsAreOff() {
        curveSizes = new int[] {1, 2, 4, 8, 16, 64};
        curveTps = new double[] {1_500, 2_500, 3_300, 3_900, 3_900, 3_000};
        firstSecond = 1.27;
        cold = 0.93;
        coldIntervals = 5;
        List<Integer> sizes = new ArrayList<>();
        run(16, 120, sizes);
        assertThat(sizes.subList(30, sizes.size())).as("within 1 of 8 most of the time: %s", sizes)
                .filteredOn(n -> Math.abs(n - 8) <= 1).hasSizeGreaterThan((sizes.size() - 30) * 3 / 4);
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

    /**
     * 16 clients never hold more than 16 connections. After a quarter growth (8 -> 10, the hold times looking
     * saturated) was kept on a noisy interval, the next growth doubled: 10 -> 20, as the stop-25 benchmark did at 16
     * threads, 4 sessions no borrower can use, measured for 2.5 s. Over 20 draws of the noise the pool never goes
     * past 16 (the old rule went to 20 in 4 of them).
     */
    @Test
    void neverGrowsPastSixteenConnectionsForSixteenClients() {
        for (int seed = 0; seed < 20; seed++) {
            SizingConvergenceTest sim = new SizingConvergenceTest();
            sim.random.setSeed(seed);
            List<Integer> sizes = new ArrayList<>();
            sim.run(16, 120, sizes);
            assertThat(sizes).as("seed %d, sizes %s", seed, sizes).allMatch(n -> n <= 16);
        }
    }

    /**
     * A fresh pool warms up: its throughput climbs from 60 % to its steady value over the first 4 s (the JIT, the
     * server's caches, new sessions), as the benchmark's 500-ms timelines show at 16 threads (8 connections: 1,042,
     * 2,226/s, then 10: 1,308 ... 2,240/s). Growths judged against a throughput measured on that climb were credited
     * with it and the pool walked past its best size (8 -> 10 -> 13 -> 16 in the benchmark, the stop-25 quiet run
     * ending at 13 in two rounds of three; here the old rule went 8 -> 10 -> 13 in all 20 draws of the noise). The
     * sizer grows past the floor only once the throughput at its size stopped rising from one half of its recent
     * intervals to the other, and stays at 8 until the warm-up is over (1 s to 5 s) in at least three draws of four.
     * With two intervals to compare, a climb of 7 % per interval hides in ±4 % noise now and then: not in every draw.
     */
    @Test
    void aWarmingPoolIsNotCreditedWithItsWarmUp() {
        int stayed = 0;
        List<String> walked = new ArrayList<>();
        for (int seed = 0; seed < 20; seed++) {
            SizingConvergenceTest sim = new SizingConvergenceTest();
            sim.random.setSeed(seed);
            sim.warmIntervals = 8;
            sim.warmFrom = 0.6;
            List<Integer> sizes = new ArrayList<>();
            sim.run(16, 40, sizes);
            if (sizes.subList(2, 10).stream().allMatch(n -> n == 8)) {
                stayed++;
            } else {
                walked.add("seed " + seed + ": " + sizes);
            }
        }
        assertThat(stayed).as("draws that walked past 8 during the warm-up: %s", walked).isGreaterThanOrEqualTo(15);
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
