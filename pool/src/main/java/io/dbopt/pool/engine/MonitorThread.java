package io.dbopt.pool.engine;

import io.dbopt.core.Redaction;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's in-memory housekeeping thread ({@code <pool>-monitor}, a daemon): leak scans, adaptive sizing and the
 * background health check run on it at fixed delays. A task that fails is logged at WARN and runs again at its next
 * turn. {@link #close()} stops it. Thread-safe.
 */
public final class MonitorThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorThread.class);

    private final String poolName;
    private final ScheduledThreadPoolExecutor executor;

    /** Starts the thread, named after the pool. */
    public MonitorThread(String poolName) {
        this.poolName = poolName;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, poolName + "-monitor");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} every {@code everyMillis} ms, the first time after one period. */
    public void every(String what, long everyMillis, Runnable task) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} - {} failed, will retry: {}", poolName, what, Redaction.redactText(e.toString()));
            }
        }, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the thread, waiting up to 5 s for a running task; idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} - the monitor thread did not stop within 5 s", poolName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
