package io.dbopt.pool.engine;

import io.dbopt.pool.LeakReport;
import io.dbopt.pool.PoolConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds borrows held past the leak threshold by walking the borrowers' slots, off the borrow path: the monitor runs
 * {@link #scan()} every 250 ms (or a quarter of the threshold), which logs each new suspected leak once at WARN with
 * its stack, arms stack capture when capture is on suspicion, samples how many threads borrow at once and tunes which
 * borrows are timed. Thread-safe; scans are serialized.
 */
public final class LeakScanner {

    private static final Logger LOG = LoggerFactory.getLogger(LeakScanner.class);
    /** Frames of dbopt's own lending code, trimmed from the top of an acquire-site stack. */
    private static final Set<String> LENDING_FRAMES = Set.of(ManagedPool.class.getName(),
            PoolDataSource.class.getName(), ScopeRunner.class.getName(), "io.dbopt.pool.ConnectionPoolManager",
            "io.dbopt.pool.tenant.TenantGate");

    private final PoolConfig config;
    private final Borrowers borrowers;
    private final PoolCounters counters;
    private final BorrowRecording recording;
    private final IntSupplier awaiting;
    private long lastAcquisitions;
    private long lastRateCheck = System.nanoTime();

    /**
     * A scanner of one pool's borrows.
     *
     * @param awaiting how many threads HikariCP has waiting now
     */
    public LeakScanner(PoolConfig config, Borrowers borrowers, PoolCounters counters, BorrowRecording recording,
                       IntSupplier awaiting) {
        this.config = config;
        this.borrowers = borrowers;
        this.counters = counters;
        this.recording = recording;
        this.awaiting = awaiting;
    }

    /** Lists suspected leaks, logging each new one once with its stack, and does the monitor's bookkeeping. */
    public synchronized List<LeakReport> scan() {
        long threshold = config.leakThreshold().toNanos();
        long now = System.nanoTime();
        tuneTiming(now);
        borrowers.prune();
        recording.expire(now);
        List<LeakReport> leaks = new ArrayList<>();
        Set<Thread> holders = new HashSet<>();
        for (PooledConnection c : borrowers.lent()) {
            holders.add(c.borrower());
            long heldNanos = c.ageNanos(now);
            if (threshold > 0 && heldNanos > threshold) {
                LeakReport report = report(c, heldNanos);
                leaks.add(report);
                if (!c.leakReported) {
                    c.leakReported = true;
                    counters.leakSuspected();
                    recording.leakSuspected(now);
                    LOG.warn("{} - possible connection leak: {} (threshold {} ms); {}", config.poolName(),
                            report.describe(), config.leakThreshold().toMillis(),
                            report.stackKind() == LeakReport.StackKind.ACQUIRE_SITE ? "acquired at:"
                                    : "holding thread is now at (borrow stacks are recorded from now on):",
                            report.asThrowable());
                }
            }
        }
        borrowers.threadsAtOnce(holders.size() + awaiting.getAsInt());
        return leaks;
    }

    /** Borrows held past the leak threshold now (empty when it is zero), without logging. */
    public List<LeakReport> leaks() {
        long threshold = config.leakThreshold().toNanos();
        if (threshold <= 0) {
            return List.of();
        }
        long now = System.nanoTime();
        List<LeakReport> leaks = new ArrayList<>();
        for (PooledConnection c : borrowers.lent()) {
            long age = c.ageNanos(now);
            if (age > threshold) {
                leaks.add(report(c, age));
            }
        }
        return leaks;
    }

    /** How long the longest current borrow has lasted, 0 when nothing is lent. */
    public long oldestBorrowAgeNanos(long now) {
        long oldest = 0;
        for (PooledConnection c : borrowers.lent()) {
            oldest = Math.max(oldest, c.ageNanos(now));
        }
        return oldest;
    }

    /** Times every borrow at low rates and about 1,000 a second above. */
    private void tuneTiming(long now) {
        long acquisitions = borrowers.acquisitions();
        double seconds = (now - lastRateCheck) / 1e9;
        if (seconds < 0.2) {
            return;
        }
        recording.tune((acquisitions - lastAcquisitions) / seconds);
        lastAcquisitions = acquisitions;
        lastRateCheck = now;
    }

    private static LeakReport report(PooledConnection c, long heldNanos) {
        List<StackTraceElement> stack;
        LeakReport.StackKind kind;
        if (c.acquireSite != null) {
            stack = trimLendingFrames(c.acquireSite.getStackTrace());
            kind = LeakReport.StackKind.ACQUIRE_SITE;
        } else {
            stack = List.of(c.borrower().getStackTrace());
            kind = LeakReport.StackKind.HOLDER_NOW;
        }
        return new LeakReport(c.label(), c.borrower().getName(), Duration.ofNanos(heldNanos), c.tenant(), kind,
                stack);
    }

    private static List<StackTraceElement> trimLendingFrames(StackTraceElement[] frames) {
        int first = 0;
        while (first < frames.length && LENDING_FRAMES.contains(frames[first].getClassName().replaceAll("\\$.*", ""))) {
            first++;
        }
        return List.of(frames).subList(first == frames.length ? 0 : first, frames.length);
    }
}
