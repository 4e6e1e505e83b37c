package io.dbopt.query.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.query.QueryStats;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fingerprint's row total is exact whatever the executions touched (none, one, many) and however many threads
 * recorded them: one-row executions add nothing to the rows adder, so its total is derived from the execution count.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FingerprintStatsTest {

    @Test
    void countsRowsExactlyForExecutionsOfNoneOneAndManyRows() {
        FingerprintStats stats = new ShapeRegistry(10).shape("select id from items where id > ?").stats;
        stats.record(1_000, 1);
        stats.record(1_000, 0);
        stats.record(1_000, 0);
        stats.record(1_000, 7);
        stats.record(1_000, 1);
        stats.recordError();
        stats.record(2_000, 0); // a failed execution is recorded with no rows
        QueryStats q = stats.snapshot();
        assertThat(q.executions()).isEqualTo(6);
        assertThat(q.rows()).isEqualTo(9);
        assertThat(q.errors()).isEqualTo(1);
    }

    @Test
    void countsNoRowsForExecutionsThatReadNone() {
        FingerprintStats stats = new ShapeRegistry(10).shape("update items set name = ? where id = ?").stats;
        for (int i = 0; i < 5; i++) {
            stats.record(500, 0);
        }
        assertThat(stats.snapshot().rows()).isZero();
        assertThat(stats.snapshot().executions()).isEqualTo(5);
    }

    @Test
    void countsRowsExactlyWhenThreadsRecordAtOnce() throws InterruptedException {
        FingerprintStats stats = new ShapeRegistry(10).shape("select name from items where id = ?").stats;
        int threads = 4;
        int each = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    stats.record(100, i % 3); // 0, 1, 2 rows in turn
                }
            });
            workers[t].start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        long perThread = 0;
        for (int i = 0; i < each; i++) {
            perThread += i % 3;
        }
        assertThat(stats.snapshot().executions()).isEqualTo((long) threads * each);
        assertThat(stats.snapshot().rows()).isEqualTo(threads * perThread);
    }
}
