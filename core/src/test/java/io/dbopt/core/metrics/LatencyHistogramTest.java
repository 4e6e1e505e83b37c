package io.dbopt.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
