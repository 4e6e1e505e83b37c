package io.dbopt.transaction.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.transaction.RetryPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void backoffCeilingDoublesFromTheInitialValueUpToTheMaximum() {
        RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(70));
        assertThat(Backoff.ceiling(p, 2)).isEqualTo(Duration.ofMillis(10));
        assertThat(Backoff.ceiling(p, 3)).isEqualTo(Duration.ofMillis(20));
        assertThat(Backoff.ceiling(p, 4)).isEqualTo(Duration.ofMillis(40));
        assertThat(Backoff.ceiling(p, 5)).isEqualTo(Duration.ofMillis(70));
        assertThat(Backoff.ceiling(p, 500)).isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void fullJitterIsUniformFromZeroToTheCeiling() {
        RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofSeconds(1));
        SplittableRandom random = new SplittableRandom(20_261_207L);
        int n = 20_000;
        for (int attempt = 2; attempt <= 6; attempt++) {
            long ceiling = Backoff.ceiling(p, attempt).toNanos();
            double[] samples = new double[n];
            for (int i = 0; i < n; i++) {
                long wait = Backoff.sampleNanos(p, attempt, random);
                assertThat(wait).isBetween(0L, ceiling);
                samples[i] = (double) wait / ceiling;
            }
            Arrays.sort(samples);
            // Kolmogorov-Smirnov distance to the uniform distribution on [0, 1]; 1.63 / sqrt(n) is the 1 % level
            double d = 0;
            for (int i = 0; i < n; i++) {
                d = Math.max(d, Math.max((i + 1.0) / n - samples[i], samples[i] - (double) i / n));
            }
            assertThat(d).as("KS distance for attempt %d", attempt).isLessThan(1.63 / Math.sqrt(n));
            assertThat(samples[0]).isLessThan(0.01);
            assertThat(samples[n - 1]).isGreaterThan(0.99);
        }
    }

    @Test
    void noWaitWhenThePolicyHasNoBackoffAndNoOverflowAtHugeCeilings() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(Backoff.sampleNanos(RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO), 3, random))
                .isZero();
        RetryPolicy huge = RetryPolicy.defaults().withBackoff(Duration.ofDays(1), Duration.ofDays(100_000));
        assertThat(Backoff.ceiling(huge, 200)).isEqualTo(Duration.ofDays(100_000));
        assertThat(Backoff.sampleNanos(huge, 200, random)).isBetween(0L, Duration.ofDays(100_000).toNanos());
    }
}
