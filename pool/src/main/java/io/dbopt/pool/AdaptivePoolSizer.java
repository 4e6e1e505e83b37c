package io.dbopt.pool;

import io.dbopt.pool.SizingDecision.Action;
import io.dbopt.pool.SizingDecision.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resizes the HikariCP pool at run time between {@code pool_size} and {@code pool_size + max_overflow}: grows under
 * sustained waiting while the database is not saturated, shrinks when connections sit idle, with cooldowns and
 * hysteresis so it does not oscillate (see {@link SizingController} for the rule and {@link SizingPolicy} for the
 * knobs). It never grows to hide a suspected leak, and never plans past the server's {@code max_connections} minus
 * the reserve or past the cluster budget (the sessions all instances with the same application name hold). Every
 * decision is counted by action and reason; resizes are logged at INFO and kept in {@link #resizes()}; holds are
 * logged at TRACE, at DEBUG when the reason changes, and at WARN (once a minute) when they need an operator.
 *
 * <p>Obtained from {@link ConnectionPoolManager#sizer()}; runs on the pool's monitor thread every
 * {@link SizingPolicy#interval()} until the pool is closed. Thread-safe.
 */
public final class AdaptivePoolSizer {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptivePoolSizer.class);
    private static final int HISTORY = 200;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final ManagedPool pool;
    private final ServerMonitor server;
    private final SizingPolicy policy;
    private final SizingController controller;
    private final Map<Action, Map<Reason, LongAdder>> counts = new EnumMap<>(Action.class);
    private final Deque<SizingDecision> history = new ArrayDeque<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Map<Reason, Long> lastWarned = new EnumMap<>(Reason.class);
    private volatile SizingDecision last;
    private LatencyHistogram.Counts lastAcquire = LatencyHistogram.Counts.EMPTY;
    private long lastReturns;
    private long lastTimedReturns;
    private long lastBusy;
    private long lastTimeouts;
    private long lastTick;

    AdaptivePoolSizer(ManagedPool pool, ServerMonitor server, SizingPolicy policy) {
        this.pool = pool;
        this.server = server;
        this.policy = policy;
        this.controller = new SizingController(policy);
        for (Action a : Action.values()) {
            Map<Reason, LongAdder> byReason = new EnumMap<>(Reason.class);
            for (Reason r : Reason.values()) {
                byReason.put(r, new LongAdder());
            }
            counts.put(a, byReason);
        }
        this.lastTick = System.nanoTime();
        this.lastAcquire = pool.counters.acquireTime.copy();
        this.lastReturns = pool.returns();
        this.lastTimedReturns = pool.counters.timedReturns.sum();
        this.lastBusy = pool.counters.timedBusyNanos.sum();
        this.lastTimeouts = pool.counters.timeouts.sum();
    }

    /** The policy in force. */
    public SizingPolicy policy() {
        return policy;
    }

    /** The pool's current maximum. */
    public int currentSize() {
        return pool.currentMax();
    }

    /** The latest decision, once the sizer has run. */
    public Optional<SizingDecision> lastDecision() {
        return Optional.ofNullable(last);
    }

    /** The most recent grows and shrinks (at most 200), oldest first. */
    public List<SizingDecision> resizes() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** How many decisions of this action were taken for this reason since the pool started. */
    public long decisions(Action action, Reason reason) {
        return counts.get(action).get(reason).sum();
    }

    /**
     * Looks at the interval since the last evaluation and decides now; the pool's monitor calls this every
     * {@link SizingPolicy#interval()}, tests and operators may call it too.
     */
    public synchronized SizingDecision evaluate() {
        SizingSample sample = sample();
        SizingController.Outcome o = controller.decide(sample);
        int to = o.action() == Action.HOLD ? sample.current() : o.target();
        SizingDecision d = new SizingDecision(Instant.now(), o.action(), o.reason(), sample.current(), to,
                sample.pending(), Duration.ofNanos(sample.acquireP95Nanos()), Duration.ofNanos(sample.meanHoldNanos()),
                Duration.ofNanos(o.estimates().baselineHold()), o.estimates().busy(), o.estimates().queue(),
                sample.serverCap(), o.explanation());
        counts.get(d.action()).get(d.reason()).increment();
        if (d.action() != Action.HOLD) {
            pool.resize(to);
            (d.action() == Action.GROW ? pool.counters.grows : pool.counters.shrinks).increment();
            synchronized (history) {
                history.addLast(d);
                while (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            LOG.info("{} - {} {} -> {} ({}): {}", pool.name, d.action().name().toLowerCase(java.util.Locale.ROOT),
                    d.from(), d.to(), d.reason(), d.explanation());
            pool.events.resized(d);
        } else {
            logHold(d);
        }
        last = d;
        return d;
    }

    /** Holds that need an operator are logged at WARN at most once a minute per reason, the others at DEBUG. */
    private void logHold(SizingDecision d) {
        LOG.trace("{} - hold at {} ({}): {}", pool.name, d.from(), d.reason(), d.explanation());
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
                    LOG.warn("{} - hold at {} ({}): {}", pool.name, d.from(), d.reason(), d.explanation());
                } else {
                    LOG.debug("{} - hold at {} ({}): {}", pool.name, d.from(), d.reason(), d.explanation());
                }
            }
            default -> LOG.debug("{} - hold at {} ({}): {}", pool.name, d.from(), d.reason(), d.explanation());
        }
    }

    private SizingSample sample() {
        long now = System.nanoTime();
        long window = Math.max(1, now - lastTick);
        lastTick = now;
        LatencyHistogram.Counts acquire = pool.counters.acquireTime.copy();
        LatencyHistogram.Counts delta = acquire.minus(lastAcquire);
        lastAcquire = acquire;
        long returns = pool.returns();
        long timedReturns = pool.counters.timedReturns.sum();
        long busy = pool.counters.timedBusyNanos.sum();
        long completions = returns - lastReturns;
        long timedCompletions = timedReturns - lastTimedReturns;
        long meanHold = timedCompletions > 0 ? (busy - lastBusy) / timedCompletions : 0;
        lastReturns = returns;
        lastTimedReturns = timedReturns;
        lastBusy = busy;
        long timeouts = pool.counters.timeouts.sum();
        long timeoutsDelta = timeouts - lastTimeouts;
        lastTimeouts = timeouts;

        int current = pool.currentMax();
        int total = pool.hikariPool.getTotalConnections();
        int active = pool.hikariPool.getActiveConnections();
        int pending = pool.hikariPool.getThreadsAwaitingConnection();
        long threshold = pool.config.leakThreshold().toNanos();
        long oldest = pool.oldestBorrowAgeNanos(now);
        boolean leak = threshold > 0 && oldest > threshold;
        int perThread = Math.max(2, pool.observedConnectionsPerThread());
        int bound = SizingAdvice.deadlockBound(Math.max(pool.observedThreads(), active + pending), perThread);

        int cap = -1;
        boolean capIsBudget = false;
        int excess = 0;
        Optional<ServerView.Snapshot> view = server.latest();
        if (view.isEmpty() || view.get().age().compareTo(policy.serverRefresh()) > 0) {
            refreshServerView();
        }
        if (view.isPresent() && view.get().age().compareTo(policy.serverRefresh().multipliedBy(3)) <= 0) {
            ServerView.Snapshot v = view.get();
            // what this pool may hold: the limit minus what everybody else holds (as of the view)
            cap = Math.max(0, v.capacity().usable() - pool.config.serverReserve() - v.otherServerSessions());
            int budget = pool.config.clusterBudget();
            if (budget > 0) {
                int budgetCap = Math.max(0, budget - v.otherAppSessions());
                if (budgetCap < cap) {
                    cap = budgetCap;
                    capIsBudget = true;
                }
                excess = Math.max(0, v.otherAppSessions() + total - budget);
            }
        }
        return new SizingSample(now, current, pool.config.poolSize(), pool.config.maxSize(), active, pending, window,
                completions, meanHold, delta.quantile(0.95), timeoutsDelta, leak, pool.nestedDeadlock(),
                pool.nestedWaiters(), bound, cap, capIsBudget, excess, oldest);
    }

    private void refreshServerView() {
        if (refreshing.compareAndSet(false, true)) {
            server.refresh().whenComplete((v, e) -> {
                refreshing.set(false);
                if (e != null) {
                    LOG.debug("{} - server view unavailable: {}", pool.name, server.lastFailure());
                }
            });
        }
    }
}
