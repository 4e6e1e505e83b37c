package io.dbopt.pool;

/**
 * The two sizing rules dbopt reports: HikariCP's "connections = cores * 2 + effective spindles" for the pool size
 * that keeps a database busy without queueing inside it, and the deadlock bound {@code Tn * (Cm - 1) + 1}, the
 * smallest pool in which {@code Tn} threads that each hold up to {@code Cm} connections at once cannot all block
 * waiting for one more. Pure functions.
 */
public final class SizingAdvice {

    private SizingAdvice() {
    }

    /**
     * HikariCP's rule of thumb for the connections a database server can keep busy: {@code cores * 2 + spindles}.
     *
     * @param databaseCores CPU cores of the database server (not of the application host), at least 1
     * @param effectiveSpindles disks that can seek in parallel (0 when the working set is cached; 1 for one SSD)
     */
    public static int coresRule(int databaseCores, int effectiveSpindles) {
        if (databaseCores < 1 || effectiveSpindles < 0) {
            throw new IllegalArgumentException("cores must be at least 1 and spindles at least 0, were "
                    + databaseCores + " and " + effectiveSpindles);
        }
        return databaseCores * 2 + effectiveSpindles;
    }

    /**
     * The smallest pool that cannot deadlock when {@code threads} threads each hold up to
     * {@code connectionsPerThread} connections at once: {@code Tn * (Cm - 1) + 1}.
     */
    public static int deadlockBound(int threads, int connectionsPerThread) {
        if (threads < 1 || connectionsPerThread < 1) {
            throw new IllegalArgumentException("threads and connections per thread must be at least 1, were "
                    + threads + " and " + connectionsPerThread);
        }
        return threads * (connectionsPerThread - 1) + 1;
    }
}
