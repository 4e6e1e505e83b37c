package io.dbopt.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LatencyHistogramTest {

    @Test
    void countsWithoutACopyAndSumsSeveralIntoOneDistribution() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            fast.record(Duration.ofMillis(1));
        }
        for (int i = 0; i < 10; i++) {
            slow.record(Duration.ofMillis(100));
        }
        assertThat(fast.count()).isEqualTo(90);
        assertThat(slow.count()).isEqualTo(10);

        LatencyHistogram.Snapshot all = LatencyHistogram.sum(List.of(fast, slow));
        assertThat(all.count()).isEqualTo(100);
        assertThat(all.quantile(0.5)).isBetween(Duration.ofMillis(1), Duration.ofNanos(1_125_000));
        assertThat(all.quantile(0.95)).isBetween(Duration.ofMillis(100), Duration.ofNanos(112_500_000));
        assertThat(LatencyHistogram.sum(List.of()).count()).isZero();
        assertThat(fast.snapshot().count()).isEqualTo(90); // the sources are left as they were
    }

    @Test
    void visitsTheNonEmptyBucketsOfAnIntervalWithTheirUpperBounds() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(5);
        h.record(Duration.ofMillis(1));
        LatencyHistogram.Snapshot before = h.snapshot();
        h.record(Duration.ofMillis(1));
        h.record(Duration.ofMillis(1));
        h.record(Duration.ofMillis(100));
        List<long[]> seen = new ArrayList<>();
        h.snapshot().minus(before).forEachBucket((bound, count) -> seen.add(new long[] {bound, count}));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)[0]).isBetween(1_000_000L, 1_125_000L);
        assertThat(seen.get(0)[1]).isEqualTo(2);
        assertThat(seen.get(1)[0]).isBetween(100_000_000L, 112_500_000L);
        assertThat(seen.get(1)[1]).isEqualTo(1);
        List<long[]> small = new ArrayList<>();
        before.forEachBucket((bound, count) -> small.add(new long[] {bound, count}));
        assertThat(small.get(0)).containsExactly(5, 1); // below 8 ns a bucket holds one value
    }
}
