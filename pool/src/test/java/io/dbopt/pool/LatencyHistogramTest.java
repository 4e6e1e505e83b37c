package io.dbopt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinOneBucketOfTheTruth() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 10_000; i++) {
            h.record(i * 1_000L); // 1 us .. 10 ms, uniform
        }
        LatencyHistogram.Counts c = h.copy();
        assertThat(c.total()).isEqualTo(10_000);
        assertThat((double) c.quantile(0.5)).isCloseTo(5_000_000, within(5_000_000 * 0.13));
        assertThat((double) c.quantile(0.99)).isCloseTo(9_900_000, within(9_900_000 * 0.13));
        assertThat(c.max()).isGreaterThanOrEqualTo(10_000_000L);
    }

    @Test
    void theDifferenceOfTwoCopiesIsTheInterval() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000);
        LatencyHistogram.Counts before = h.copy();
        h.record(50_000_000);
        h.record(50_000_000);
        LatencyHistogram.Counts interval = h.copy().minus(before);
        assertThat(interval.total()).isEqualTo(2);
        assertThat(interval.quantile(0.5)).isGreaterThanOrEqualTo(50_000_000L);
        assertThat(LatencyHistogram.Counts.EMPTY.quantile(0.99)).isZero();
    }

    @Test
    void bucketBoundsContainTheirValues() {
        for (long v : new long[] {0, 1, 7, 8, 9, 15, 16, 1_000, 123_456_789L, Long.MAX_VALUE / 2}) {
            int i = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.upperBound(i)).isGreaterThanOrEqualTo(v);
            if (i > 0) {
                assertThat(LatencyHistogram.upperBound(i - 1)).isLessThan(v);
            }
        }
    }
}
