package io.dbopt.pool;

/**
 * When the pool records the stack trace of the code that borrows a connection, for leak reports. Recording costs a
 * few microseconds per borrow, so the default records only after a leak was first suspected.
 */
public enum LeakCapture {
    /** Record at every borrow: every leak report shows where the connection was acquired. */
    ALWAYS,
    /**
     * Record nothing until a leak is suspected; the first report shows where the holding thread is now, and from then
     * on (for ten minutes after each suspicion) borrows are recorded, so a repeated leak shows where it was acquired.
     */
    ON_SUSPICION,
    /** Never record; reports show where the holding thread is now. */
    NEVER
}
