package io.dbopt.pool.engine;

import io.dbopt.pool.LeakReport;
import io.dbopt.pool.PoolConfig;
import io.dbopt.pool.driver.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds borrows held past the leak threshold by walking the leases ({@link Leases}), off the borrow path: the monitor runs
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
    private final Leases leases;
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
    public LeakScanner(PoolConfig config, Leases leases, PoolCounters counters, BorrowRecording recording,
                       IntSupplier awaiting) {
        this.config = config;
        this.leases = leases;
        this.counters = counters;
        this.recording = recording;
        this.awaiting = awaiting;
    }

    /** Lists suspected leaks, logging each new one once with its stack, and does the monitor's bookkeeping. */
    public synchronized List<LeakReport> scan() {
        long threshold = config.leakThreshold().toNanos();
        long now = System.nanoTime();
        tuneTiming(now);
        recording.expire(now);
        leases.heldPerThread(awaiting.getAsInt());
        List<LeakReport> leaks = new ArrayList<>();
        for (Lease lease : leases.lent()) {
            long heldNanos = lease.ageNanos(now);
            if (threshold > 0 && heldNanos > threshold) {
                Optional<LeakReport> found = report(lease, heldNanos);
                if (found.isEmpty()) {
                    continue;
                }
                LeakReport report = found.get();
                leaks.add(report);
                if (!lease.leakReported()) {
                    lease.reportLeak();
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
        for (Lease lease : leases.lent()) {
            long age = lease.ageNanos(now);
            if (age > threshold) {
                report(lease, age).ifPresent(leaks::add);
            }
        }
        return leaks;
    }

    /** How long the longest current borrow has lasted, 0 when nothing is lent. */
    public long oldestBorrowAgeNanos(long now) {
        long oldest = 0;
        for (Lease lease : leases.lent()) {
            oldest = Math.max(oldest, lease.ageNanos(now));
        }
        return oldest;
    }

    /** Times every borrow at low rates and about 1,000 a second above. */
    private void tuneTiming(long now) {
        long acquisitions = leases.acquisitions();
        double seconds = (now - lastRateCheck) / 1e9;
        if (seconds < 0.2) {
            return;
        }
        recording.tune((acquisitions - lastAcquisitions) / seconds);
        lastAcquisitions = acquisitions;
        lastRateCheck = now;
    }

    /** The report of a lease, empty when it was returned meanwhile. */
    private static Optional<LeakReport> report(Lease lease, long heldNanos) {
        Thread borrower = lease.borrower();
        if (borrower == null) {
            return Optional.empty();
        }
        Throwable site = lease.site();
        List<StackTraceElement> stack;
        LeakReport.StackKind kind;
        if (site != null) {
            stack = trimLendingFrames(site.getStackTrace());
            kind = LeakReport.StackKind.ACQUIRE_SITE;
        } else {
            stack = List.of(borrower.getStackTrace());
            kind = LeakReport.StackKind.HOLDER_NOW;
        }
        return Optional.of(new LeakReport(lease.label(), borrower.getName(), Duration.ofNanos(heldNanos),
                Optional.ofNullable(lease.tenant()), kind, stack));
    }

    private static List<StackTraceElement> trimLendingFrames(StackTraceElement[] frames) {
        int first = 0;
        while (first < frames.length && LENDING_FRAMES.contains(frames[first].getClassName().replaceAll("\\$.*", ""))) {
            first++;
        }
        return List.of(frames).subList(first == frames.length ? 0 : first, frames.length);
    }
}
