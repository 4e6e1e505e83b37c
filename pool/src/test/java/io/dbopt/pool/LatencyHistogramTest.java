package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dbopt.core.metrics.LatencyHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The histogram the pool times borrows with (core's), as the pool and the adaptive sizer read it. */
@Timeout(10)
class LatencyHistogramTest {

    @Test
    void percentilesAreWithinOneBucketOfTheTruth() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 10_000; i++) {
            h.record(i * 1_000L); // 1 us .. 10 ms, uniform
        }
        LatencyHistogram.Snapshot c = h.snapshot();
        assertThat(c.count()).isEqualTo(10_000);
        assertThat((double) c.quantileNanos(0.5)).isCloseTo(5_000_000, within(5_000_000 * 0.13));
        assertThat((double) c.quantileNanos(0.99)).isCloseTo(9_900_000, within(9_900_000 * 0.13));
        assertThat(c.max().toNanos()).isGreaterThanOrEqualTo(10_000_000L);
    }

    @Test
    void theDifferenceOfTwoCopiesIsTheInterval() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000);
        LatencyHistogram.Snapshot before = h.snapshot();
        h.record(50_000_000);
        h.record(50_000_000);
        LatencyHistogram.Snapshot interval = h.snapshot().minus(before);
        assertThat(interval.count()).isEqualTo(2);
        assertThat(interval.quantileNanos(0.5)).isGreaterThanOrEqualTo(50_000_000L);
        assertThat(LatencyHistogram.Snapshot.EMPTY.quantileNanos(0.99)).isZero();
    }

    @Test
    void aValueFallsInABucketThatHoldsItAndIsAtMostAnEighthWider() {
        for (long v : new long[] {0, 1, 7, 8, 9, 15, 16, 1_000, 123_456_789L, Long.MAX_VALUE / 2}) {
            LatencyHistogram h = new LatencyHistogram();
            h.record(v);
            long upper = h.snapshot().max().toNanos();
            assertThat(upper).as("upper bound of %s", v).isGreaterThanOrEqualTo(v);
            assertThat(upper - v).as("bucket width at %s", v).isLessThanOrEqualTo(v / 8);
        }
    }
}
