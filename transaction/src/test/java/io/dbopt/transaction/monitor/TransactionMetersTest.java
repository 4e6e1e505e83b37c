package io.dbopt.transaction.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.transaction.TransactionStats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionMetersTest {

    @Test
    void tenantAndNameTagsAreBoundedAndCountsAddUp() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TransactionMeters metrics = new TransactionMeters(MetricsRecorder.micrometer(registry), 2, 2, () -> 0);
        for (int i = 0; i < 10; i++) {
            metrics.committed("op-" + (i % 3), Optional.of("tenant-" + i), 1_000_000);
        }
        metrics.retried("op-0", Optional.empty(), ErrorKind.DEADLOCK);
        metrics.failed("op-0", Optional.empty(), ErrorKind.SERIALIZATION_FAILURE, 5, true, false);

        assertThat(registry.find(TransactionMeters.COMMITS).counters()).extracting(c -> c.getId().getTag("tenant"))
                .containsOnly("tenant-0", "tenant-1", "other").contains("other");
        assertThat(registry.find(TransactionMeters.COMMITS).counters()).extracting(c -> c.getId().getTag("name"))
                .allMatch(n -> n.equals("op-0") || n.equals("op-1") || n.equals("other"));
        assertThat(registry.find(TransactionMeters.RETRIES).tag("kind", "deadlock").counter().count()).isEqualTo(1);
        TransactionStats stats = metrics.snapshot();
        assertThat(stats.commits()).isEqualTo(10);
        assertThat(stats.retries()).containsEntry(ErrorKind.DEADLOCK, 1L);
        assertThat(stats.retriesExhausted()).isEqualTo(1);
        assertThat(stats.retriesPerCommit()).isEqualTo(0.1);
        metrics.close();
        assertThat(registry.getMeters()).isEmpty();
    }
}
