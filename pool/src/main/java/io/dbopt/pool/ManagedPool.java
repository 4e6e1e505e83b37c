package io.dbopt.pool;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link ConnectionPoolManager}: lends connections from HikariCP wrapped in
 * {@link PooledConnection}s, keeps the books (who holds what, for how long, nested borrowing), resizes HikariCP and
 * evicts connections. The hot path is one HikariCP borrow, two clock reads, one slot claim and one allocation.
 * Thread-safe; resizing and sweeping are called from the pool's own threads.
 */
final class ManagedPool {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPoolManager.class);
    private static final long ARM_NANOS = TimeUnit.MINUTES.toNanos(10);

    final PoolConfig config;
    final String name;
    final HikariDataSource hikari;
    final HikariPool hikariPool;
    /** Null when an existing HikariCP pool was adopted. */
    final ConnectionFactory factory;
    final PoolCounters counters;
    final BorrowRegistry registry;
    final PoolEvents events;

    private final ThreadLocal<BorrowerState> borrowers = ThreadLocal.withInitial(this::newBorrower);
    /** Every thread that borrowed and may still hold or count; pruned of finished threads by the monitor. */
    private final java.util.concurrent.CopyOnWriteArrayList<BorrowerState> states =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Counts of pruned threads, and returns made by a thread other than the borrower. */
    private final java.util.concurrent.atomic.AtomicLong foldedAcquisitions = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong foldedReturns = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.LongAdder remoteReturns = new java.util.concurrent.atomic.LongAdder();
    private final AtomicInteger maxHeldPerThread = new AtomicInteger(1);
    private final AtomicInteger peakThreads = new AtomicInteger();
    private final boolean captureAlways;
    private final boolean captureOnSuspicion;
    /** Until when (monitor clock) borrow stacks are recorded after a suspected leak; read by the monitor only. */
    private long captureUntil;
    /** Whether borrow stacks are being recorded after a suspected leak. */
    private volatile boolean captureArmed;
    /**
     * Which borrows are timed: every one when 0, else those where a random int masked by it is 0. Clock reads cost
     * more than the rest of a borrow, so above 1,000 acquisitions a second the monitor samples.
     */
    private volatile int sampleMask;
    private long lastAcquisitions;
    private long lastRateCheck = System.nanoTime();
    private volatile boolean closed;
    /** Whether some live connection was condemned and must be evicted rather than returned. */
    volatile boolean condemned;
    /**
     * Set when a connection was lost: its siblings, opened to the same server, may be dead too, so each is validated
     * before it is lent until a sweep has checked the idle ones.
     */
    volatile boolean suspect;
    private volatile Runnable onConnectionLost = () -> { };

    ManagedPool(PoolConfig config, HikariDataSource hikari, ConnectionFactory factory, PoolCounters counters,
                PoolEvents events) {
        this.config = config;
        this.name = config.poolName();
        this.hikari = hikari;
        this.hikariPool = (HikariPool) hikari.getHikariPoolMXBean();
        this.factory = factory;
        this.counters = counters;
        this.events = events;
        this.registry = new BorrowRegistry(Math.max(config.maxSize(), hikari.getMaximumPoolSize()));
        this.captureAlways = config.leakCapture() == LeakCapture.ALWAYS;
        this.captureOnSuspicion = config.leakCapture() == LeakCapture.ON_SUSPICION;
    }

    boolean isClosed() {
        return closed;
    }

    Connection acquire(Bulkhead bulkhead) throws SQLException {
        if (closed) {
            throw AcquireErrors.closed(this);
        }
        BorrowerState h = borrowers.get();
        int before = h.held();
        int mask = sampleMask;
        boolean timed = mask == 0 || (ThreadLocalRandom.current().nextInt() & mask) == 0
                || PoolEvents.LOG.isDebugEnabled();
        long start = timed ? System.nanoTime() : 0L;
        Connection proxy;
        if (before == 0) {
            try {
                proxy = hikari.getConnection();
            } catch (SQLException e) {
                throw AcquireErrors.classify(this, e, 0);
            }
        } else {
            proxy = acquireNested(h, before);
        }
        if (suspect) {
            proxy = validated(proxy, before);
        }
        long now = 0L;
        if (timed) {
            now = System.nanoTime();
            counters.acquired(now - start);
        }
        int count = h.acquired();
        if (count > 1) {
            maxHeldPerThread.accumulateAndGet(count, Math::max);
        }
        Throwable site = captureAlways || (captureOnSuspicion && captureArmed) ? new AcquireSite() : null;
        PooledConnection c = new PooledConnection(proxy, this, timed, now, h, bulkhead, site);
        c.slot = registry.register(c, h);
        if (PoolEvents.LOG.isDebugEnabled()) {
            events.checkout(c, snapshot());
        }
        return c;
    }

    /** Lends {@code proxy} only if the server answers on it; otherwise evicts it and borrows another. */
    private Connection validated(Connection proxy, int before) throws SQLException {
        Connection c = proxy;
        int seconds = validationSeconds();
        for (int i = 0; i <= currentMax() && !probe(c, seconds); i++) {
            hikari.evictConnection(c);
            c.close();
            try {
                c = hikari.getConnection();
            } catch (SQLException e) {
                throw AcquireErrors.classify(this, e, before);
            }
        }
        return c;
    }

    int validationSeconds() {
        return (int) Math.max(1, Math.min(5, config.poolTimeout().toSeconds() / 2));
    }

    static boolean probe(Connection hikariProxy, int seconds) {
        try {
            if (hikariProxy.isWrapperFor(TrackedConnection.class)) {
                return hikariProxy.unwrap(TrackedConnection.class).probe(seconds);
            }
            return hikariProxy.isValid(seconds);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether the pool needs connections it does not have: borrowers wait, or it is below its core size. */
    boolean starving() {
        return !closed && (hikariPool.getThreadsAwaitingConnection() > 0
                || hikariPool.getTotalConnections() < Math.min(config.poolSize(), currentMax()));
    }

    /** The server answers again: end HikariCP's backoff and have it open connections now. */
    void refillNow() {
        if (factory != null) {
            factory.wakeCreator();
        }
        hikariPool.addBagItem(Math.max(1, hikariPool.getThreadsAwaitingConnection()));
    }

    /** Called when HikariCP evicts a connection because the server end is gone. */
    void connectionLost() {
        if (!closed && !suspect) {
            suspect = true;
            onConnectionLost.run();
        }
    }

    void onConnectionLost(Runnable action) {
        this.onConnectionLost = action;
    }

    private Connection acquireNested(BorrowerState h, int before) throws SQLException {
        h.heldWhileWaiting = before;
        h.waiting = true;
        try {
            return hikari.getConnection();
        } catch (SQLException e) {
            throw AcquireErrors.classify(this, e, before);
        } finally {
            h.waiting = false;
        }
    }

    private BorrowerState newBorrower() {
        BorrowerState s = new BorrowerState(Thread.currentThread());
        states.add(s);
        return s;
    }

    /** Connections handed out since start. */
    long acquisitions() {
        long sum = foldedAcquisitions.get();
        for (BorrowerState s : states) {
            sum += s.acquisitions();
        }
        return sum;
    }

    /** Connections returned since start. */
    long returns() {
        long sum = foldedReturns.get() + remoteReturns.sum();
        for (BorrowerState s : states) {
            sum += s.ownerReleases();
        }
        return sum;
    }

    /** Forgets threads that ended holding nothing, keeping their counts. Monitor only. */
    private void pruneFinishedBorrowers() {
        for (BorrowerState s : states) {
            if (!s.thread.isAlive() && s.held() <= 0) {
                foldedAcquisitions.addAndGet(s.acquisitions());
                foldedReturns.addAndGet(s.ownerReleases());
                states.remove(s);
            }
        }
    }

    /** Books a returned connection; {@code label} is its name when logging needs it, else null. */
    void returned(PooledConnection c, String label) {
        long heldNanos = c.timed ? System.nanoTime() - c.borrowNanos : -1;
        registry.release(c.slot);
        if (Thread.currentThread() == c.borrower) {
            c.state.releasedByOwner();
        } else {
            c.state.remoteReleases.incrementAndGet();
            remoteReturns.increment();
        }
        if (heldNanos >= 0) {
            counters.returned(heldNanos);
        }
        if (c.bulkhead != null) {
            c.bulkhead.returned();
        }
        if (c.leakReported) {
            LOG.info("{} - {} reported as a possible leak was returned after {} ms", name, label,
                    heldNanos / 1_000_000);
        }
        if (label != null) {
            events.checkin(label, heldNanos);
        }
    }

    PoolSnapshot snapshot() {
        HikariPool p = hikariPool;
        return new PoolSnapshot(name, p.getTotalConnections(), p.getActiveConnections(), p.getIdleConnections(),
                p.getThreadsAwaitingConnection(), hikari.getMaximumPoolSize(), config.poolSize(),
                counters.acquireTime.copy().percentiles(), counters.usageTime.copy().percentiles(),
                acquisitions(), counters.timeouts.sum(), counters.creations.sum(),
                counters.evictions.sum(), counters.grows.sum(), counters.shrinks.sum(),
                counters.leaksSuspected.sum());
    }

    /** Whether every lent connection is held by a thread that is itself waiting for another one. */
    boolean nestedDeadlock() {
        int waiting = 0;
        int heldByWaiters = 0;
        for (BorrowerState s : states) {
            if (s.waiting) {
                waiting++;
                heldByWaiters += s.heldWhileWaiting;
            }
        }
        return waiting > 0 && hikariPool.getThreadsAwaitingConnection() > 0
                && heldByWaiters >= hikariPool.getActiveConnections();
    }

    /** Threads waiting for a connection while holding one. */
    int nestedWaiters() {
        int waiting = 0;
        for (BorrowerState s : states) {
            if (s.waiting) {
                waiting++;
            }
        }
        return waiting;
    }

    /** Tn: the most threads seen borrowing or waiting at once. */
    int observedThreads() {
        return Math.max(1, peakThreads.get());
    }

    /** Cm: the most connections one thread was seen holding (or waiting for) at once. */
    int observedConnectionsPerThread() {
        return maxHeldPerThread.get();
    }

    /**
     * Lists suspected leaks, logging each new one once with its stack; also samples the borrowing threads and tunes
     * the timing sample. Run by the monitor every 250 ms (and by health checks), serialized.
     */
    synchronized List<LeakReport> scanLeaks() {
        long threshold = config.leakThreshold().toNanos();
        long now = System.nanoTime();
        List<LeakReport> leaks = new ArrayList<>();
        Set<Thread> holders = new HashSet<>();
        adjustSampling(now);
        pruneFinishedBorrowers();
        if (captureArmed && now - captureUntil > 0) {
            captureArmed = false;
        }
        for (PooledConnection c : registry.borrowed()) {
            holders.add(c.borrower);
            long heldNanos = c.ageNanos(now);
            if (threshold > 0 && heldNanos > threshold) {
                LeakReport report = LeakReport.of(c, heldNanos);
                leaks.add(report);
                if (!c.leakReported) {
                    c.leakReported = true;
                    counters.leaksSuspected.increment();
                    if (captureOnSuspicion) {
                        captureUntil = now + ARM_NANOS;
                        captureArmed = true;
                    }
                    LOG.warn("{} - possible connection leak: {} (threshold {} ms); {}", name, report.describe(),
                            config.leakThreshold().toMillis(), report.stackKind() == LeakReport.StackKind.ACQUIRE_SITE
                                    ? "acquired at:" : "holding thread is now at (borrow stacks are recorded from "
                                    + "now on):", report.asThrowable());
                }
            }
        }
        int threads = holders.size() + hikariPool.getThreadsAwaitingConnection();
        peakThreads.accumulateAndGet(threads, Math::max);
        return leaks;
    }

    /** How long the longest current borrow has lasted, 0 when nothing is lent. */
    long oldestBorrowAgeNanos(long now) {
        long oldest = 0;
        for (PooledConnection c : registry.borrowed()) {
            oldest = Math.max(oldest, c.ageNanos(now));
        }
        return oldest;
    }

    /** Times every borrow below 1,000 acquisitions a second, then 1 in 2, 4, 8 or 16 as the rate grows. */
    private void adjustSampling(long now) {
        long acquisitions = acquisitions();
        double seconds = (now - lastRateCheck) / 1e9;
        if (seconds < 0.2) {
            return;
        }
        double rate = (acquisitions - lastAcquisitions) / seconds;
        lastAcquisitions = acquisitions;
        lastRateCheck = now;
        sampleMask = rate < 1_000 ? 0 : rate < 10_000 ? 1 : rate < 100_000 ? 3 : rate < 1_000_000 ? 7 : 15;
    }

    int currentMax() {
        return hikari.getMaximumPoolSize();
    }

    /** Moves HikariCP's maximum; a smaller maximum closes idle connections above it at once. */
    void resize(int newMax) {
        if (!closed) {
            IdleConnections.resize(this, newMax);
        }
    }

    /** Validates idle connections and evicts the dead and condemned; returns how many were evicted. */
    int sweepIdle() throws SQLException {
        return IdleConnections.sweep(this);
    }

    /** Borrows straight from HikariCP for the pool's own use (identification); the caller closes it. */
    Connection borrowInternal(Duration timeout) throws SQLException {
        return hikariPool.getConnection(timeout.toMillis());
    }

    /** Opens the monitor's own connection, outside the pool. */
    Connection openMonitorConnection() throws SQLException {
        if (factory != null) {
            return factory.openUnpooled(monitorApplicationName(config.applicationName()));
        }
        DataSource raw = hikariPool.getUnwrappedDataSource();
        String user = hikari.getUsername();
        return user == null ? raw.getConnection() : raw.getConnection(user, hikari.getPassword());
    }

    static String monitorApplicationName(String applicationName) {
        String suffix = "/monitor";
        String base = applicationName.length() + suffix.length() > 63
                ? applicationName.substring(0, 63 - suffix.length()) : applicationName;
        return base + suffix;
    }

    /** Condemns a connection the server no longer has: it is evicted instead of being lent or returned. */
    void condemn(TrackedConnection t, String reason) {
        t.markDead(reason);
        condemned = true;
    }

    /** The physical connections open now, when dbopt built the pool. */
    List<TrackedConnection> physical() {
        return factory == null ? List.of() : factory.live();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (factory != null) {
            factory.shuttingDown();
        }
        hikari.close();
    }

    /** Marks where a connection was borrowed; only its stack trace matters. */
    static final class AcquireSite extends Throwable {
        private static final long serialVersionUID = 1L;

        AcquireSite() {
            super("connection acquired here", null, false, true);
        }
    }
}
