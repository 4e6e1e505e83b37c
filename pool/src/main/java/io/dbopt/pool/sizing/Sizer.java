package io.dbopt.pool.sizing;

import io.dbopt.core.metrics.LatencyHistogram;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.pool.AdaptivePoolSizer;
import io.dbopt.pool.PoolConfig;
import io.dbopt.pool.PoolMeters;
import io.dbopt.pool.SizingAdvice;
import io.dbopt.pool.SizingDecision;
import io.dbopt.pool.SizingDecision.Action;
import io.dbopt.pool.SizingDecision.Reason;
import io.dbopt.pool.SizingPolicy;
import io.dbopt.pool.engine.Leases;
import io.dbopt.pool.engine.LeakScanner;
import io.dbopt.pool.engine.ManagedPool;
import io.dbopt.pool.engine.PoolCounters;
import io.dbopt.pool.engine.PoolEvents;
import io.dbopt.pool.server.ServerMonitor;
import io.dbopt.pool.server.ServerView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's {@link AdaptivePoolSizer}: every interval it samples the pool ({@link SizingSample}), lets
 * {@link SizingController} decide, resizes HikariCP, counts the decision (by action and reason, also as the meter
 * {@link PoolMeters#DECISIONS}) and logs it. Thread-safe; {@link #evaluate()} is serialized.
 */
public final class Sizer implements AdaptivePoolSizer {

    private static final Logger LOG = LoggerFactory.getLogger(Sizer.class);
    private static final int HISTORY = 200;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;
    /** Reads of the borrowers before the smallest is taken: one without a lend or return in between counts. */
    private static final int BORROWER_READS = 8;

    private final ManagedPool pool;
    private final ServerMonitor server;
    private final SizingPolicy policy;
    private final PoolCounters counters;
    private final Leases leases;
    private final LeakScanner leaks;
    private final PoolEvents events;
    private final SizingController controller;
    private final Map<Action, Map<Reason, LongAdder>> counts = new EnumMap<>(Action.class);
    private final Map<Action, Map<Reason, MetricsRecorder.Counter>> meters = new EnumMap<>(Action.class);
    private final Deque<SizingDecision> history = new ArrayDeque<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Map<Reason, Long> lastWarned = new EnumMap<>(Reason.class);
    private volatile SizingDecision last;
    private LatencyHistogram.Snapshot lastAcquire;
    private long lastReturns;
    private long lastTimedReturns;
    private long lastBusy;
    private long lastTimeouts;
    private long lastTick;

    /** A sizer of {@code pool} with this policy; decision counters are recorded through {@code recorder}. */
    public Sizer(ManagedPool pool, ServerMonitor server, SizingPolicy policy, PoolCounters counters,
                 Leases leases, LeakScanner leaks, PoolEvents events, MetricsRecorder recorder) {
        this.pool = pool;
        this.server = server;
        this.policy = policy;
        this.counters = counters;
        this.leases = leases;
        this.leaks = leaks;
        this.events = events;
        this.controller = new SizingController(policy);
        for (Action a : Action.values()) {
            Map<Reason, LongAdder> byReason = new EnumMap<>(Reason.class);
            Map<Reason, MetricsRecorder.Counter> meterByReason = new EnumMap<>(Reason.class);
            for (Reason r : Reason.values()) {
                byReason.put(r, new LongAdder());
                meterByReason.put(r, recorder.counter(PoolMeters.DECISIONS, "Adaptive sizing decisions", "pool",
                        pool.name(), "action", a.name().toLowerCase(Locale.ROOT), "reason",
                        r.name().toLowerCase(Locale.ROOT)));
            }
            counts.put(a, byReason);
            meters.put(a, meterByReason);
        }
        this.lastTick = System.nanoTime();
        this.lastAcquire = counters.acquireTime();
        this.lastReturns = leases.acquisitions();
        this.lastTimedReturns = counters.timedReturns();
        this.lastBusy = counters.timedBusyNanos();
        this.lastTimeouts = counters.timeouts();
    }

    @Override
    public SizingPolicy policy() {
        return policy;
    }

    @Override
    public int currentSize() {
        return pool.currentMax();
    }

    @Override
    public Optional<SizingDecision> lastDecision() {
        return Optional.ofNullable(last);
    }

    @Override
    public List<SizingDecision> resizes() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    @Override
    public long decisions(Action action, Reason reason) {
        return counts.get(action).get(reason).sum();
    }

    @Override
    public synchronized SizingDecision evaluate() {
        SizingSample sample = sample();
        SizingController.Outcome o = controller.decide(sample);
        int to = o.action() == Action.HOLD ? sample.current() : o.target();
        SizingDecision d = new SizingDecision(Instant.now(), o.action(), o.reason(), sample.current(), to,
                sample.pending(), Duration.ofNanos(sample.acquireP95Nanos()), Duration.ofNanos(sample.meanHoldNanos()),
                Duration.ofNanos(o.estimates().baselineHold()), o.estimates().busy(), o.estimates().queue(),
                sample.serverCap(), o.explanation());
        counts.get(d.action()).get(d.reason()).increment();
        meters.get(d.action()).get(d.reason()).increment();
        if (d.action() != Action.HOLD) {
            pool.resize(to);
            if (d.action() == Action.GROW) {
                counters.grew();
            } else {
                counters.shrank();
            }
            synchronized (history) {
                history.addLast(d);
                while (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            LOG.info("{} - {} {} -> {} ({}): {}", pool.name(), d.action().name().toLowerCase(Locale.ROOT),
                    d.from(), d.to(), d.reason(), d.explanation());
            events.resized(d.from(), d.to(), d.explanation());
        } else {
            logHold(d);
            // connections lent while the pool shrank outlive the shrink unless condemned
            pool.trimToMax();
        }
        last = d;
        return d;
    }

    /** Holds that need an operator are logged at WARN at most once a minute per reason, the others at DEBUG. */
    private void logHold(SizingDecision d) {
        LOG.trace("{} - hold at {} ({}): {}", pool.name(), d.from(), d.reason(), d.explanation());
        SizingDecision previous = last;
        if (previous != null && previous.reason() == d.reason()) {
            return;
        }
        switch (d.reason()) {
            case LEAK_SUSPECTED, STALLED, SERVER_LIMIT, CLUSTER_BUDGET, SERVER_VIEW_UNAVAILABLE -> {
                long now = System.nanoTime();
                Long warned = lastWarned.get(d.reason());
                if (warned == null || now - warned > WARN_EVERY_NANOS) {
                    lastWarned.put(d.reason(), now);
                    LOG.warn("{} - hold at {} ({}): {}", pool.name(), d.from(), d.reason(), d.explanation());
                } else {
                    LOG.debug("{} - hold at {} ({}): {}", pool.name(), d.from(), d.reason(), d.explanation());
                }
            }
            default -> LOG.debug("{} - hold at {} ({}): {}", pool.name(), d.from(), d.reason(), d.explanation());
        }
    }

    private SizingSample sample() {
        long now = System.nanoTime();
        long window = Math.max(1, now - lastTick);
        lastTick = now;
        LatencyHistogram.Snapshot acquire = counters.acquireTime();
        LatencyHistogram.Snapshot delta = acquire.minus(lastAcquire);
        lastAcquire = acquire;
        long returns = leases.acquisitions();
        long timedReturns = counters.timedReturns();
        long busy = counters.timedBusyNanos();
        long completions = returns - lastReturns;
        long timedCompletions = timedReturns - lastTimedReturns;
        long meanHold = timedCompletions > 0 ? (busy - lastBusy) / timedCompletions : 0;
        lastReturns = returns;
        lastTimedReturns = timedReturns;
        lastBusy = busy;
        long timeouts = counters.timeouts();
        long timeoutsDelta = timeouts - lastTimeouts;
        lastTimeouts = timeouts;

        PoolConfig config = pool.config();
        int current = pool.currentMax();
        int total = pool.total();
        int active = pool.active();
        int pending = pool.pending();
        long threshold = config.leakThreshold().toNanos();
        long oldest = leaks.oldestBorrowAgeNanos(now);
        boolean leak = threshold > 0 && oldest > threshold;
        Leases.Nested nested = pending > 0 && active >= current ? leases.nested(pending, active) : Leases.Nested.NONE;
        int perThread = Math.max(2, leases.observedConnectionsPerThread());
        int bound = SizingAdvice.deadlockBound(Math.max(leases.observedThreads(), active + pending), perThread);
        ServerCap cap = serverCap(config, total);
        return new SizingSample(now, current, config.poolSize(), config.maxSize(), active, pending, window,
                completions, meanHold, delta.quantileNanos(0.95), timeoutsDelta, leak,
                nested.deadlock(), nested.waiters(), bound, cap.cap(),
                cap.isBudget(), cap.excess(), oldest, borrowers());
    }

    /**
     * The borrowers now, each counted once: the connections dbopt has lent plus the threads HikariCP has waiting.
     * HikariCP's own count of lent connections does not add up with its waiting threads: a thread that takes a
     * connection counts as waiting until its borrow returns (HikariCP may ask for another connection in between), while
     * the connection already counts as lent, so one borrower was counted twice (4 clients on 2 connections sampled
     * as 2 lent and 3 waiting grew the pool to 5). dbopt lends the lease only after HikariCP's borrow returned. The
     * lent are counted before and after the waiting are read, and a read counts only when no connection was lent or
     * returned in between; after {@value #BORROWER_READS} reads without one, the smallest count (an undercount is
     * harmless: the controller takes the most of its last samples, a borrower between two borrows is in none).
     */
    int borrowers() {
        int fewest = Integer.MAX_VALUE;
        for (int read = 0; read < BORROWER_READS; read++) {
            long lendsBefore = leases.acquisitions();
            int lent = leases.lent().size();
            int waiting = pool.pending();
            int lentAfter = leases.lent().size();
            if (lent == lentAfter && leases.acquisitions() == lendsBefore) {
                return lent + waiting;
            }
            fewest = Math.min(fewest, Math.min(lent, lentAfter) + waiting);
        }
        return fewest;
    }

    /** What the server and the cluster budget allow this pool, from a recent enough view of the server. */
    private record ServerCap(int cap, boolean isBudget, int excess) {
    }

    private ServerCap serverCap(PoolConfig config, int total) {
        Optional<ServerView.Snapshot> view = server.latest();
        if (view.isEmpty() || view.get().age().compareTo(policy.serverRefresh()) > 0) {
            refreshServerView();
        }
        if (view.isEmpty() || view.get().age().compareTo(policy.serverRefresh().multipliedBy(3)) > 0) {
            return new ServerCap(-1, false, 0);
        }
        ServerView.Snapshot v = view.get();
        // what this pool may hold: the limit minus what everybody else holds (as of the view)
        int cap = Math.max(0, v.capacity().usable() - config.serverReserve() - v.otherServerSessions());
        int budget = config.clusterBudget();
        if (budget <= 0) {
            return new ServerCap(cap, false, 0);
        }
        int budgetCap = Math.max(0, budget - v.otherAppSessions());
        int excess = Math.max(0, v.otherAppSessions() + total - budget);
        return budgetCap < cap ? new ServerCap(budgetCap, true, excess) : new ServerCap(cap, false, excess);
    }

    private void refreshServerView() {
        if (refreshing.compareAndSet(false, true)) {
            server.refresh().whenComplete((v, e) -> {
                refreshing.set(false);
                if (e != null) {
                    LOG.debug("{} - server view unavailable: {}", pool.name(), server.lastFailure());
                }
            });
        }
    }
}
