package io.dbopt.pool.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every thread that borrows from one pool, each with its own {@link BorrowerState}: the borrow path touches only the
 * calling thread's state, and the readers here (the leak scanner, the health check, the sizer, {@code metrics()})
 * walk all of them. Finished threads that hold nothing are pruned by the monitor, their counts kept. Thread-safe.
 */
public final class Borrowers {

    private final ThreadLocal<BorrowerState> current = ThreadLocal.withInitial(this::register);
    /** Every thread that borrowed and may still hold or count. */
    private final CopyOnWriteArrayList<BorrowerState> states = new CopyOnWriteArrayList<>();
    /** Counts of pruned threads, and returns made by a thread other than the borrower. */
    private final AtomicLong foldedAcquisitions = new AtomicLong();
    private final AtomicLong foldedReturns = new AtomicLong();
    private final LongAdder remoteReturns = new LongAdder();
    private final AtomicInteger maxHeldPerThread = new AtomicInteger(1);
    private final AtomicInteger peakThreads = new AtomicInteger();

    /** The calling thread's state. */
    BorrowerState current() {
        return current.get();
    }

    private BorrowerState register() {
        BorrowerState s = new BorrowerState(Thread.currentThread());
        states.add(s);
        return s;
    }

    /** Books a return made by a thread other than the borrower. */
    void remoteReturn(BorrowerState owner) {
        owner.remoteReleases.incrementAndGet();
        remoteReturns.increment();
    }

    /** Records that one thread holds (or waits for) {@code count} connections at once. */
    void heldAtOnce(int count) {
        if (count > maxHeldPerThread.get()) {
            maxHeldPerThread.accumulateAndGet(count, Math::max);
        }
    }

    /** Records how many threads hold or wait for connections at once. */
    void threadsAtOnce(int count) {
        peakThreads.accumulateAndGet(count, Math::max);
    }

    /** Connections handed out since start. */
    public long acquisitions() {
        long sum = foldedAcquisitions.get();
        for (BorrowerState s : states) {
            sum += s.acquisitions();
        }
        return sum;
    }

    /** Connections returned since start. */
    public long returns() {
        long sum = foldedReturns.get() + remoteReturns.sum();
        for (BorrowerState s : states) {
            sum += s.ownerReleases();
        }
        return sum;
    }

    /** The connections lent out now that the scanner can see (a thread's first eight). */
    public List<PooledConnection> lent() {
        List<PooledConnection> result = new ArrayList<>();
        for (BorrowerState s : states) {
            for (int i = 0; i < BorrowerState.SLOTS; i++) {
                if (s.slot(i) instanceof PooledConnection c && !c.returned()) {
                    result.add(c);
                }
            }
        }
        return result;
    }

    /** Forgets threads that ended holding nothing, keeping their counts. Monitor only. */
    void prune() {
        for (BorrowerState s : states) {
            if (!s.thread.isAlive() && s.held() <= 0) {
                foldedAcquisitions.addAndGet(s.acquisitions());
                foldedReturns.addAndGet(s.ownerReleases());
                states.remove(s);
            }
        }
    }

    /**
     * Whether every lent connection is held by a thread that is itself waiting for another one.
     *
     * @param awaiting threads HikariCP has waiting
     * @param active connections HikariCP has lent
     */
    public boolean nestedDeadlock(int awaiting, int active) {
        int waiting = 0;
        int heldByWaiters = 0;
        for (BorrowerState s : states) {
            if (s.waiting) {
                waiting++;
                heldByWaiters += s.heldWhileWaiting;
            }
        }
        return waiting > 0 && awaiting > 0 && heldByWaiters >= active;
    }

    /** Threads waiting for a connection while holding one. */
    public int nestedWaiters() {
        int waiting = 0;
        for (BorrowerState s : states) {
            if (s.waiting) {
                waiting++;
            }
        }
        return waiting;
    }

    /** Tn: the most threads seen borrowing or waiting at once. */
    public int observedThreads() {
        return Math.max(1, peakThreads.get());
    }

    /** Cm: the most connections one thread was seen holding (or waiting for) at once. */
    public int observedConnectionsPerThread() {
        return maxHeldPerThread.get();
    }
}
