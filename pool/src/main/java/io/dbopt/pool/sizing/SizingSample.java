package io.dbopt.pool.sizing;

/**
 * What the sizer observed over one interval; the only input of {@link SizingController}.
 *
 * @param nowNanos the monotonic time of the observation
 * @param current the pool's current maximum
 * @param min the floor ({@code pool_size})
 * @param max the ceiling ({@code pool_size + max_overflow})
 * @param active connections lent out now
 * @param pending threads waiting now
 * @param windowNanos the length of the interval
 * @param completions connections handed out during the interval (as many as returned, in a steady state)
 * @param meanHoldNanos their mean hold time, 0 without completions
 * @param acquireP95Nanos the 95th percentile acquire time during the interval
 * @param timeouts acquire timeouts during the interval
 * @param leakSuspected whether a borrow exceeds the leak threshold now
 * @param nestedDeadlock whether every lent connection is held by a thread waiting for another
 * @param nestedWaiters threads waiting for a second connection
 * @param deadlockBound Tn*(Cm-1)+1 from the threads and connections per thread observed
 * @param serverCap the largest size the server and the budget allow, -1 when the server's view is unavailable
 * @param capIsBudget whether {@code serverCap} comes from the cluster budget rather than max_connections
 * @param budgetExcess how many sessions all instances hold above the cluster budget, 0 when within it
 * @param oldestBorrowNanos how long the longest current borrow has lasted, 0 when nothing is lent
 * @param borrowers the borrowers at one instant, each counted once: connections lent by dbopt plus threads waiting
 *     (a thread that holds one and waits for another counts twice: it needs two)
 */
record SizingSample(long nowNanos, int current, int min, int max, int active, int pending, long windowNanos,
                    long completions, long meanHoldNanos, long acquireP95Nanos, long timeouts, boolean leakSuspected,
                    boolean nestedDeadlock, int nestedWaiters, int deadlockBound, int serverCap, boolean capIsBudget,
                    int budgetExcess, long oldestBorrowNanos, int borrowers) {

    /** A sample whose borrowers are {@code active + pending}, as when nobody is caught between waiting and lent. */
    SizingSample(long nowNanos, int current, int min, int max, int active, int pending, long windowNanos,
                 long completions, long meanHoldNanos, long acquireP95Nanos, long timeouts, boolean leakSuspected,
                 boolean nestedDeadlock, int nestedWaiters, int deadlockBound, int serverCap, boolean capIsBudget,
                 int budgetExcess, long oldestBorrowNanos) {
        this(nowNanos, current, min, max, active, pending, windowNanos, completions, meanHoldNanos, acquireP95Nanos,
                timeouts, leakSuspected, nestedDeadlock, nestedWaiters, deadlockBound, serverCap, capIsBudget,
                budgetExcess, oldestBorrowNanos, active + pending);
    }

    /** Connections busy on average over the interval: throughput times hold time. */
    double busy() {
        if (windowNanos <= 0 || completions == 0) {
            return active;
        }
        return Math.max((double) completions * meanHoldNanos / windowNanos, 0);
    }
}
