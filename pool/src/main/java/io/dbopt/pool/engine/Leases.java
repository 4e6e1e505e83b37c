package io.dbopt.pool.engine;

import io.dbopt.pool.driver.ConnectionFactory;
import io.dbopt.pool.driver.Lease;
import io.dbopt.pool.driver.TrackedConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every connection a pool has lent, read off the borrow path: the leases of the physical connections dbopt opened
 * (one per connection, written by the borrowing thread) and, for an adopted HikariCP pool, the leases of the wrappers
 * it lends (registered per borrow). From them it tells the leak scanner, the health check and the sizer who holds
 * what, how many connections were handed out, how many threads and connections per thread were seen at once, and
 * whether threads that hold connections wait for another one (nested borrowing), by asking those threads where they
 * are, only while borrowers wait. Thread-safe.
 */
public final class Leases {

    /** The frames of a thread waiting in HikariCP for a connection. */
    private static final String WAITING_FRAME = "com.zaxxer.hikari.util.ConcurrentBag";

    private final ConnectionFactory factory;
    private final Set<Lease> adopted = ConcurrentHashMap.newKeySet();
    private final LongAdder adoptedLends = new LongAdder();
    private final AtomicInteger maxHeldPerThread = new AtomicInteger(1);
    private final AtomicInteger peakThreads = new AtomicInteger();

    /** The leases of the connections {@code factory} opened; null for an adopted pool. */
    public Leases(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** Registers the lease of a connection lent by an adopted pool. */
    void lent(Lease lease) {
        adopted.add(lease);
        adoptedLends.increment();
    }

    /** Forgets the lease of a connection an adopted pool took back. */
    void returned(Lease lease) {
        adopted.remove(lease);
    }

    /** The leases lent out now. */
    public List<Lease> lent() {
        List<Lease> result = new ArrayList<>();
        if (factory != null) {
            for (TrackedConnection t : factory.live()) {
                if (t.lease().borrower() != null) {
                    result.add(t.lease());
                }
            }
        }
        for (Lease l : adopted) {
            if (l.borrower() != null) {
                result.add(l);
            }
        }
        return result;
    }

    /** Connections handed out since start. */
    public long acquisitions() {
        long sum = adoptedLends.sum();
        if (factory != null) {
            sum += factory.lendsOfClosed();
            for (TrackedConnection t : factory.live()) {
                sum += t.lease().lends();
            }
        }
        return sum;
    }

    /** How many connections {@code thread} holds now. */
    int heldBy(Thread thread) {
        int held = 0;
        for (Lease l : lent()) {
            if (l.borrower() == thread) {
                held++;
            }
        }
        return held;
    }

    /** Connections held now, per holding thread; notes how many threads and connections per thread were seen. */
    Map<Thread, Integer> heldPerThread(int awaiting) {
        Map<Thread, Integer> held = new HashMap<>();
        for (Lease l : lent()) {
            Thread t = l.borrower();
            if (t != null) {
                held.merge(t, 1, Integer::sum);
            }
        }
        held.values().forEach(this::heldAtOnce);
        peakThreads.accumulateAndGet(held.size() + awaiting, Math::max);
        return held;
    }

    /** Records that one thread holds (or waits for) {@code count} connections at once. */
    void heldAtOnce(int count) {
        if (count > maxHeldPerThread.get()) {
            maxHeldPerThread.accumulateAndGet(count, Math::max);
        }
    }

    /**
     * The threads that hold connections and wait for another one, and whether every lent connection is held by such
     * a thread (a nested-borrowing deadlock). Looks at the holding threads' stacks, so only while borrowers wait.
     *
     * @param awaiting threads HikariCP has waiting
     * @param active connections HikariCP has lent
     */
    public Nested nested(int awaiting, int active) {
        if (awaiting == 0) {
            return Nested.NONE;
        }
        int waiters = 0;
        int heldByWaiters = 0;
        for (Map.Entry<Thread, Integer> e : heldPerThread(awaiting).entrySet()) {
            if (waitsForConnection(e.getKey())) {
                waiters++;
                heldByWaiters += e.getValue();
                heldAtOnce(e.getValue() + 1);
            }
        }
        return new Nested(waiters, waiters > 0 && heldByWaiters >= active);
    }

    private static boolean waitsForConnection(Thread t) {
        Thread.State state = t.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith(WAITING_FRAME)) {
                return true;
            }
        }
        return false;
    }

    /** Tn: the most threads seen borrowing or waiting at once. */
    public int observedThreads() {
        return Math.max(1, peakThreads.get());
    }

    /** Cm: the most connections one thread was seen holding (or waiting for) at once. */
    public int observedConnectionsPerThread() {
        return maxHeldPerThread.get();
    }

    /**
     * Threads waiting for a connection while they hold one.
     *
     * @param waiters how many threads hold a connection and wait for another
     * @param deadlock whether every lent connection is held by such a thread
     */
    public record Nested(int waiters, boolean deadlock) {
        /** No nested borrowing. */
        public static final Nested NONE = new Nested(0, false);
    }
}
