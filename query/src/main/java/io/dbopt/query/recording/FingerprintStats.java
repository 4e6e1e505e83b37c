package io.dbopt.query.recording;

import io.dbopt.core.metrics.LatencyHistogram;
import io.dbopt.core.metrics.Percentiles;
import io.dbopt.query.CallSite;
import io.dbopt.query.ExplainSample;
import io.dbopt.query.QueryStats;
import io.dbopt.query.sql.SqlFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running statistics of one fingerprint. Recording is allocation-free: a histogram increment and one adder, plus a
 * second adder for a statement that did not touch exactly one row (see {@link #rowsBeyondOne}).
 * Call sites and the slowest execution's parameters (kept for EXPLAIN, never logged) are sampled. Percentiles come
 * from core's log-linear {@link LatencyHistogram} (at most 12.5 % high). Thread-safe.
 */
final class FingerprintStats {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final int MAX_CALL_SITES = 8;
    private static final int ALWAYS_SAMPLED = 3;
    private static final int ALWAYS_SAMPLED_PARAMETERS = 8;

    final int id = IDS.incrementAndGet();
    final SqlFacts facts;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder totalNanos = new LongAdder();
    /**
     * The rows of every recorded execution minus one per execution: the rows are this plus the executions (the
     * histogram's count), so that a statement of one row (a lookup by key, a single-row insert or update: the common
     * case) costs no atomic add here. Exact once recording stops; a snapshot taken while other threads record may be
     * off by the executions in flight, as any of these unsynchronised counters may.
     */
    private final LongAdder rowsBeyondOne = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder batched = new LongAdder();
    /** Set when the capped fingerprint map drops this entry; holders then look the fingerprint up again. */
    private volatile boolean evicted;
    private volatile int callSiteCaptures;
    private final Map<CallSite, Long> callSites = new LinkedHashMap<>();
    private ExplainSample slowest;
    private volatile int samplesOffered;
    private boolean slowestIsFirst;

    /** The call site the last transaction confirmed for a repeat of this fingerprint, and how many agreed. */
    private volatile CallSites.Capture confirmedSite;
    private volatile int confirmedStreak;

    /**
     * The N+1 or repeated-query pattern this fingerprint last reported into ({@code Patterns}' own type), so that a
     * transaction repeating it merges without building a key; read and written only under {@code Patterns}' lock.
     */
    Object lastPattern;

    FingerprintStats(SqlFacts facts) {
        this.facts = facts;
    }

    /** Called by the registry when the capped map dropped this entry. */
    void evicted() {
        evicted = true;
    }

    boolean isEvicted() {
        return evicted;
    }

    void record(long nanos, long rowCount) {
        if (rowCount != 1) {
            rowsBeyondOne.add(rowCount - 1); // before the count, so that a snapshot rarely sees the +1 alone
        }
        latency.record(nanos);
        totalNanos.add(nanos);
    }

    void recordError() {
        errors.increment();
    }

    void recordBatched(long statements) {
        batched.add(statements);
    }

    /** Whether this execution should capture its call site: the first few always, then one in {@code mask + 1}. */
    boolean wantsCallSite(int mask) {
        return callSiteCaptures < ALWAYS_SAMPLED || (ThreadLocalRandom.current().nextInt() & mask) == 0;
    }

    /**
     * {@link #wantsCallSite(int)} with the random draw made earlier ({@code drawn}: whether it fell on the one in
     * {@code mask + 1}), so that an execution whose bound values already drew a random number draws no second one.
     */
    boolean wantsCallSite(boolean drawn) {
        return drawn || callSiteCaptures < ALWAYS_SAMPLED;
    }

    /**
     * The call site to assume for a repeat in a transaction without walking the stack: once {@code streak}
     * transactions in a row confirmed the same site, all but one in {@code oneIn} transactions take it as known, and
     * the longer the streak the rarer the walk: one in twice as many after every further {@code streak}
     * confirmations, up to one in {@code maxOneIn}. A walk that sees another site ends the streak. Null when the stack
     * should be walked.
     */
    CallSites.Capture trustedSite(int streak, int oneIn, int maxOneIn) {
        CallSites.Capture c = confirmedSite;
        int s = confirmedStreak;
        if (c == null || s < streak) {
            return null;
        }
        int doublings = Math.min(30, (s - streak) / streak);
        int bound = (int) Math.min(maxOneIn, (long) oneIn << doublings);
        return ThreadLocalRandom.current().nextInt(bound) == 0 ? null : c;
    }

    /**
     * Whether {@code capture}, walked on a repeat's second execution, is the call site that at least {@code streak}
     * transactions in a row confirmed: it then counts as one more confirmation, without a second walk.
     */
    boolean confirmsTrusted(CallSites.Capture capture, int streak) {
        CallSites.Capture c = confirmedSite;
        if (c == null || confirmedStreak < streak || !c.equals(capture)) {
            return false;
        }
        confirmedSite(capture);
        return true;
    }

    /** Called when a walked stack confirmed a repeat's call site. */
    void confirmedSite(CallSites.Capture capture) {
        CallSites.Capture previous = confirmedSite;
        if (previous != null && previous.equals(capture)) {
            if (confirmedStreak < Integer.MAX_VALUE) {
                confirmedStreak++;
            }
        } else {
            confirmedSite = capture;
            confirmedStreak = 1;
        }
    }

    synchronized void addCallSite(CallSite site) {
        callSiteCaptures++;
        Long seen = callSites.get(site);
        if (seen != null) {
            callSites.put(site, seen + 1);
        } else if (callSites.size() < MAX_CALL_SITES) {
            callSites.put(site, 1L);
        }
    }

    /**
     * Whether parameters of the next execution are worth capturing for a later EXPLAIN: the first few always (so
     * that rarely run statements have a representative sample), then one in 256.
     */
    boolean wantsSample() {
        return samplesOffered < ALWAYS_SAMPLED_PARAMETERS || (ThreadLocalRandom.current().nextInt() & 255) == 0;
    }

    /** {@link #wantsSample()} with a random number drawn by the caller (its low 8 bits are used). */
    boolean wantsSample(int random) {
        return samplesOffered < ALWAYS_SAMPLED_PARAMETERS || (random & 255) == 0;
    }

    /**
     * Keeps the slowest sampled execution, except that the first one is replaced by any later one: a fingerprint's
     * first execution pays one-off costs (parsing, planning, a cold cache) that say little about its plan.
     */
    synchronized void offerSample(String sql, Object[] parameters, long nanos) {
        boolean first = samplesOffered++ == 0;
        if (slowest == null || slowestIsFirst || nanos >= slowest.duration().toNanos()) {
            slowest = new ExplainSample(facts.fingerprint(), sql, Arrays.asList(parameters), Duration.ofNanos(nanos));
            slowestIsFirst = first;
        }
    }

    synchronized Optional<ExplainSample> slowestSample() {
        return Optional.ofNullable(slowest);
    }

    LatencyHistogram latency() {
        return latency;
    }

    long executions() {
        return latency.count();
    }

    long totalNanos() {
        return totalNanos.sum();
    }

    long errors() {
        return errors.sum();
    }

    QueryStats snapshot() {
        Percentiles p = latency.snapshot().percentiles();
        long count = p.count();
        long total = totalNanos.sum();
        List<CallSite> sites;
        synchronized (this) {
            List<Map.Entry<CallSite, Long>> entries = new ArrayList<>(callSites.entrySet());
            entries.sort(Map.Entry.<CallSite, Long>comparingByValue(Comparator.reverseOrder()));
            sites = entries.stream().map(Map.Entry::getKey).toList();
        }
        return new QueryStats(facts.fingerprint(), facts.kind(), facts.tables(), count, errors.sum(), batched.sum(),
                Duration.ofNanos(total), Duration.ofNanos(count == 0 ? 0 : total / count), p.p50(), p.p95(), p.p99(),
                p.max(), Math.max(0, count + rowsBeyondOne.sum()), sites);
    }
}
