package io.dbopt.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers to run work on threads and meet at a barrier, with timeouts so that a hang fails the test. */
final class Concurrency {

    private Concurrency() {
    }

    /** Runs the tasks on their own threads and returns their results (or throws the first failure). */
    static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        return runAll(tasks, java.time.Duration.ofSeconds(60));
    }

    /** Like {@link #runAll(List)}, waiting at most {@code limit} for all of them together. */
    static <T> List<T> runAll(List<Callable<T>> tasks, java.time.Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Waits at the barrier, turning its checked exceptions into an unchecked one. */
    static void await(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the barrier", e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the other transaction never reached the barrier", e);
        }
    }
}
