package io.dbopt.pool.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.pool.PoolMeters;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoolCountersTest {

    @Test
    void timedBorrowsReachTheTimersOnlyWhenPublishedEachOnceAsItsBucketsUpperBound() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PoolCounters counters = new PoolCounters(MetricsRecorder.micrometer(registry), "p");
        Timer acquire = registry.get(PoolMeters.ACQUIRE).tag("pool", "p").timer();
        Timer usage = registry.get(PoolMeters.USAGE).tag("pool", "p").timer();

        counters.acquired(1_000_000);
        counters.acquired(1_000_000);
        counters.returned(50_000_000);
        assertThat(acquire.count()).isZero(); // the borrow path leaves the registry alone
        assertThat(usage.count()).isZero();

        counters.publish();
        assertThat(acquire.count()).isEqualTo(2);
        assertThat(acquire.max(TimeUnit.NANOSECONDS)).isBetween(1_000_000.0, 1_125_000.0);
        assertThat(acquire.totalTime(TimeUnit.NANOSECONDS)).isBetween(2_000_000.0, 2_250_000.0);
        assertThat(usage.count()).isEqualTo(1);
        assertThat(usage.max(TimeUnit.NANOSECONDS)).isBetween(50_000_000.0, 56_250_000.0);

        counters.acquired(3_000);
        counters.publish();
        counters.publish();
        assertThat(acquire.count()).isEqualTo(3); // each duration once
        assertThat(usage.count()).isEqualTo(1);
        assertThat(counters.acquireTime().count()).isEqualTo(3); // the pool's own histogram is unchanged
    }

    @Test
    void withoutARegistryPublishingDoesNothing() {
        PoolCounters counters = new PoolCounters(MetricsRecorder.noop(), "p");
        counters.acquired(1_000);
        counters.publish();
        assertThat(counters.acquireTime().count()).isEqualTo(1);
    }
}
