package io.dbopt.pool.driver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Who holds a connection now: the borrowing thread, since when, for which tenant and (when stacks are captured) where
 * it was borrowed, and how many times the connection was lent. A physical connection dbopt opened keeps one lease for
 * its whole life ({@link TrackedConnection#lease()}), so lending allocates nothing; a connection of an adopted pool
 * gets one per borrow. The lending thread writes it, the returning thread clears it, each while it holds the
 * connection (HikariCP's hand-over orders them); the leak scanner and the health check read it with acquire loads.
 *
 * <p>The holder writes every field with plain stores and publishes them with one release store of {@link #lent}
 * (lend and end each have one {@code VarHandle} access); readers on other threads use acquire or opaque loads. Each
 * {@code VarHandle} access inlines a chain of about 240 bytes of bytecode (guard, access-mode check, member name)
 * into the borrowing path: with one access per lend and per end instead of five and three, C2 has six such chains
 * fewer to compile, and the C1 code that runs until C2 has compiled the path costs less per borrow (benchmarks.md,
 * stop 29). Compiled by C2, a plain or an opaque store is the same instruction.
 */
public final class Lease {

    private static final VarHandle LENT;
    private static final VarHandle SINCE;
    private static final VarHandle FIRST_SEEN;
    private static final VarHandle LENDS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LENT = lookup.findVarHandle(Lease.class, "lent", boolean.class);
            SINCE = lookup.findVarHandle(Lease.class, "since", long.class);
            FIRST_SEEN = lookup.findVarHandle(Lease.class, "firstSeen", long.class);
            LENDS = lookup.findVarHandle(Lease.class, "lends", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String label;
    /**
     * The thread that borrowed it last, kept after the return: written only when another thread borrows it, because a
     * reference store into this long-lived object costs the garbage collector's card-marking barrier (a memory fence)
     * and HikariCP lends a thread the connection it returned last. Whether it is lent now is {@link #lent}.
     */
    private Thread lastBorrower;
    /** Whether it is lent now; written with a release store after the other fields. */
    private boolean lent;
    /**
     * When it was lent (System.nanoTime) if the borrow was timed, else 0. Written plainly by the holder (a 64-bit JVM
     * does not split a long store) before the release store of {@link #lent}; read opaquely by other threads.
     */
    private long since;
    /** When the leak scanner first saw an untimed borrow, 0 until then; the holder resets it plainly. */
    private long firstSeen;
    private Throwable site;
    private String tenant;
    /** Whether the return must be booked whatever else (the event log was on when it was lent). */
    private boolean bookReturn;
    /** How many times it was lent; incremented plainly by the holder, read opaquely by the monitor. */
    private long lends;
    private volatile boolean leakReported;

    /** A lease of the connection called {@code label} in logs and reports. */
    public Lease(String label) {
        this.label = label;
    }

    /**
     * Lends the connection to the calling thread; the holder calls this, once per borrow.
     *
     * @param sinceNanos when the borrow happened, or 0 when it was not timed (the scanner then ages it from first sight)
     * @param acquireSite where it was borrowed, or null when stacks are not captured
     * @param tenantId the tenant it is lent to, or null
     * @param bookEveryReturn whether {@link #end()} must report the return even when untimed and not reported as a
     *     leak (the event log writes every return)
     */
    public void lend(long sinceNanos, Throwable acquireSite, String tenantId, boolean bookEveryReturn) {
        Thread me = Thread.currentThread();
        if (lastBorrower != me) {
            lastBorrower = me;
        }
        if (site != acquireSite) { // stores only what changes: null stays null without a barrier
            site = acquireSite;
        }
        if (tenant != tenantId) {
            tenant = tenantId;
        }
        bookReturn = bookEveryReturn;
        if (leakReported) {
            leakReported = false;
        }
        lends++;
        firstSeen = 0L;
        since = sinceNanos;
        LENT.setRelease(this, true); // publishes the stores above to the scanner's acquire load
    }

    /**
     * Ends the lease; the returning thread calls it while it still holds the connection. Returns when it was lent (0
     * when untimed) if the return is to be booked — the borrow was timed, reported as a leak, or lent while the event
     * log was on — and -1 when there is nothing to book: an untimed, unreported return (most returns once the pool
     * lends more than about 1,000 connections a second), a second return, or a connection the pool borrowed for
     * itself. So the common return costs this call and nothing more.
     */
    public long end() {
        if (!lent) { // the holder's own store, or ordered before this return by HikariCP's hand-over
            return -1;
        }
        long s = since;
        boolean book = s != 0 || bookReturn || leakReported;
        LENT.setRelease(this, false);
        return book ? s : -1;
    }

    /** The thread holding the connection, or null when it is not lent. */
    public Thread borrower() {
        return (boolean) LENT.getAcquire(this) ? lastBorrower : null;
    }

    /**
     * How long it has been lent: exact when the borrow was timed, else since the scanner first saw it (at most one
     * scan, 250 ms, short). For the scanner and the health check.
     */
    public long ageNanos(long now) {
        long s = (long) SINCE.getOpaque(this);
        if (s != 0) {
            return now - s;
        }
        long seen = (long) FIRST_SEEN.getOpaque(this);
        if (seen == 0) {
            FIRST_SEEN.setOpaque(this, now);
            return 0;
        }
        return now - seen;
    }

    /** Where it was borrowed, when stacks were captured; read after {@link #borrower()}. */
    public Throwable site() {
        return site;
    }

    /** The tenant it is lent to, or null; read after {@link #borrower()}. */
    public String tenant() {
        return tenant;
    }

    /** How many times it was lent; read by the monitor (a count that may lag by a borrow). */
    public long lends() {
        return (long) LENDS.getOpaque(this);
    }

    /** Whether the current (or, once ended, the last) borrow was reported as a possible leak. */
    public boolean leakReported() {
        return leakReported;
    }

    /** Marks the current borrow as reported, so it is logged once. */
    public void reportLeak() {
        leakReported = true;
    }

    /** The connection's name in logs and reports, e.g. {@code conn#7 (session 4242)}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
