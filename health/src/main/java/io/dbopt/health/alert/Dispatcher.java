package io.dbopt.health.alert;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications off the monitor's thread: each one is claimed through the {@link AlertCoordinator} and then
 * handed to every sink, on one thread of the dispatcher's own, in order. The queue is bounded; when it is full the
 * oldest notification waiting is dropped (counted and logged). A sink that throws is counted and logged; the others
 * still get the notification. Thread-safe.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final String resource;
    private final List<AlertSink> sinks;
    private final AlertCoordinator coordinator;
    private final Duration cooldown;
    private final Duration repeatInterval;
    private final DeliveryListener listener;
    private final ThreadPoolExecutor executor;

    /**
     * A dispatcher over {@code sinks} (which it closes) and {@code coordinator} (which it closes).
     *
     * @param resource the name logs start with
     * @param queueCapacity notifications waiting at most
     */
    public Dispatcher(String resource, List<AlertSink> sinks, AlertCoordinator coordinator, Duration cooldown,
                      Duration repeatInterval, int queueCapacity, DeliveryListener listener) {
        this.resource = Objects.requireNonNull(resource, "resource");
        this.sinks = List.copyOf(sinks);
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
        this.repeatInterval = Objects.requireNonNull(repeatInterval, "repeatInterval");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, resource + "-alerts");
                    t.setDaemon(true);
                    return t;
                }, (task, pool) -> {
                    if (pool.isShutdown()) {
                        return;
                    }
                    pool.getQueue().poll();
                    listener.outcome("*", DeliveryListener.Outcome.DROPPED);
                    LOG.warn("{} - alert queue full ({} waiting): dropped the oldest notification", resource,
                            queueCapacity);
                    pool.execute(task);
                });
    }

    /** Queues a notification; never blocks. */
    public void submit(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        if (!executor.isShutdown()) {
            executor.execute(() -> deliver(alert));
        }
    }

    /** The sinks, in order. */
    public List<AlertSink> sinks() {
        return sinks;
    }

    private void deliver(Alert alert) {
        boolean mine;
        try {
            mine = coordinator.claim(alert, cooldown, repeatInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            mine = true;
            LOG.warn("{} - {} coordination failed ({}): sending alert {} from this instance anyway", resource,
                    coordinator.name(), e.getClass().getSimpleName(), alert.rule());
        }
        if (!mine) {
            listener.outcome("*", DeliveryListener.Outcome.SKIPPED);
            LOG.debug("{} - alert {} {} is sent by another instance", resource, alert.rule(), alert.state());
            return;
        }
        for (AlertSink sink : sinks) {
            try {
                sink.send(alert);
                if (!(sink instanceof WebhookSink)) {
                    listener.outcome(sink.name(), DeliveryListener.Outcome.SENT);
                }
            } catch (Exception e) {
                listener.outcome(sink.name(), DeliveryListener.Outcome.FAILED);
                LOG.warn("{} - alert sink {} failed on {}: {}", resource, sink.name(), alert.rule(),
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Waits up to {@code timeout} for queued notifications to be handed to the sinks; for tests and shutdown. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (executor.getQueue().isEmpty() && executor.getActiveCount() == 0) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return false;
    }

    /** Stops after the notifications already queued (waiting a few seconds at most), then closes sinks. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        RuntimeException failure = null;
        for (AutoCloseable c : sinks) {
            failure = closeOne(c, failure);
        }
        failure = closeOne(coordinator, failure);
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeOne(AutoCloseable c, RuntimeException failure) {
        try {
            c.close();
        } catch (Exception e) {
            RuntimeException wrapped = e instanceof RuntimeException r ? r
                    : new IllegalStateException("closing " + c + " failed", e);
            if (failure == null) {
                return wrapped;
            }
            failure.addSuppressed(wrapped);
        }
        return failure;
    }
}
