package io.dbopt.health;

import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.health.check.ComponentHealth;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the attached components for their health and numbers on a thread of its own, so a component that blocks
 * cannot hold the checker past its deadline; while an earlier read is still running, the next cycle waits for that
 * one instead of starting another. Used by one cycle at a time.
 */
final class ComponentReader implements AutoCloseable {

    /** One component's answer and numbers. */
    record Reading(Health health, Map<String, Number> values) {
    }

    private final List<DbOptComponent<?>> components;
    private final double poolBusyWarn;
    private final Duration timeout;
    private final ExecutorService worker;
    private Future<Map<String, Reading>> inFlight;

    ComponentReader(List<DbOptComponent<?>> components, double poolBusyWarn, Duration timeout, ThreadFactory threads) {
        this.components = List.copyOf(components);
        this.poolBusyWarn = poolBusyWarn;
        this.timeout = timeout;
        this.worker = Executors.newSingleThreadExecutor(threads);
    }

    boolean attached() {
        return !components.isEmpty();
    }

    /** Starts reading every component; null when none is attached. */
    Future<Map<String, Reading>> submit() {
        if (components.isEmpty()) {
            return null;
        }
        if (inFlight == null || inFlight.isDone()) {
            inFlight = worker.submit(() -> {
                Map<String, Reading> out = new LinkedHashMap<>();
                for (DbOptComponent<?> c : components) {
                    out.put(c.componentName(), read(c));
                }
                return out;
            });
        }
        return inFlight;
    }

    /** The readings, or "did not answer" for each component when the deadline (in nanoTime) passes first. */
    Map<String, Reading> await(Future<Map<String, Reading>> task, long deadline) {
        if (task == null) {
            return Map.of();
        }
        try {
            return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return unanswered("did not answer its health check within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return unanswered("health check failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered("the check was interrupted");
        }
    }

    private Map<String, Reading> unanswered(String why) {
        Map<String, Reading> out = new LinkedHashMap<>();
        for (DbOptComponent<?> c : components) {
            out.put(c.componentName(), new Reading(ComponentHealth.unanswered(c.componentName(), why), Map.of()));
        }
        return out;
    }

    private Reading read(DbOptComponent<?> c) {
        Map<String, Number> values = Map.of();
        try {
            values = c.metrics().values();
            return new Reading(ComponentHealth.evaluate(c.componentName(), c.healthCheck(), values, poolBusyWarn),
                    values);
        } catch (RuntimeException e) {
            return new Reading(ComponentHealth.unanswered(c.componentName(), "health check failed: "
                    + e.getClass().getSimpleName()), values);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
