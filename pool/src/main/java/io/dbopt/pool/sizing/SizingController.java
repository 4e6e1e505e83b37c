package io.dbopt.pool.sizing;

import io.dbopt.pool.SizingDecision.Action;
import io.dbopt.pool.SizingDecision.Reason;
import io.dbopt.pool.SizingPolicy;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The adaptive sizer's decision rule, free of clocks, threads and JDBC so it can be tested on its own.
 *
 * <p>It grows when borrowers wait for {@code growAfter} consecutive intervals: it doubles while the database does not
 * look saturated (like TCP's slow start; without enough returns to judge the growth by throughput, only while as many
 * borrowers wait as are lent), else grows by a quarter.
 * Saturation is estimated the way TCP Vegas judges a congested link: connections held longer than at the best recent
 * hold time (the 20th percentile of the last 120 intervals' means), times the busy connections, estimates how many
 * borrowers queue inside the database. Every growth is then checked by a {@link ThroughputProbe}: it is kept only
 * when throughput rose with it (8 % per doubling, at least 5 %; twice that keeps it after two intervals), and judged
 * even when it ended the waiting; when it did not, the sizer goes back to the smaller size and measures it again right
 * away: if the larger size did better by the gain it needed than the smaller one does now, the first measurement was
 * off (a fresh pool's first second, a drifting server) and the pool grows straight back; otherwise the smaller size did
 * as much, and the sizer tries half the step (a bisection between the
 * last size that paid off and the first that did not), until the step is under a quarter of the size: then it stays
 * for {@code probeAfter} and tries a quarter more. Out of the floor ({@code pool_size}) a growth goes to as many as
 * wait, up to four times the size; when the borrowers number at most twice the floor, it seats them all and is not
 * judged (the floor's throughput, measurable only in a load's first second, is no fair measure, and going back would
 * make them wait again); above the floor it waits while the throughput at the current size still rises (a
 * warming pool), and no growth goes past the most borrowers (lent plus waiting) of the last few samples. Hold times
 * alone cannot separate queueing inside the database from contention that still lets more connections do more work
 * (a database sharing its cores with its clients, group commit), so throughput decides. It shrinks after
 * connections sat idle for {@code shrinkAfter}, to the observed peak plus a spare. Growth and shrinking have separate
 * cooldowns (hysteresis) and a cap on resizes per minute. It never grows to hide a suspected leak or a stall, never
 * passes the server's limit or the cluster budget, and grows past its cooldowns only to break a nested-borrowing
 * deadlock. Not thread-safe: the sizer calls it from one thread.
 */
final class SizingController {

    private static final int BASELINE_SAMPLES = 120;
    private static final double BASELINE_PERCENTILE = 0.2;
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int MIN_COMPLETIONS = 5;
    /** Returns in an interval from which throughput is measured before every growth rather than grown blind. */
    private static final long MEASURABLE_RETURNS = ThroughputProbe.MIN_EVENTS / 2;
    /** No connection returned and the oldest borrow at least this old (and 4x the usual hold): a stall. */
    private static final long STALL_NANOS = 1_000_000_000L;
    /**
     * Samples over which the most borrowers at once is taken: each sample sees the borrowers of one instant, and a
     * client between two borrows is in none.
     */
    private static final int BORROWER_SAMPLES = 4;

    private final SizingPolicy policy;
    /** How many intervals make up {@link SizingPolicy#shrinkAfter()}. */
    private final int shrinkTicks;
    private final Deque<Long> baseline = new ArrayDeque<>();
    private final Deque<Integer> peaks = new ArrayDeque<>();
    private final Deque<Long> resizes = new ArrayDeque<>();
    /** Borrowers (lent plus waiting) at each of the last {@link #BORROWER_SAMPLES} samples. */
    private final Deque<Integer> borrowers = new ArrayDeque<>();
    private final ThroughputProbe probe = new ThroughputProbe();
    private int waitStreak;
    private int quietStreak;
    private long lastResize;
    private boolean resized;
    /** The size growing past did not raise throughput, -1 when none; held until {@link #plateauUntil}. */
    private int plateau = -1;
    private long plateauUntil;
    /** The next growth's step once a growth did not pay off (the search halves it); 0 while doubling. */
    private int searchStep;
    /** The smallest size found not to raise throughput since the load began, -1 when none. */
    private int failedAt = -1;
    /** Intervals since the last resize (the first one at a new size is not a fair measure of it). */
    private int sinceResize = Integer.MAX_VALUE / 2;
    /**
     * Intervals after the last resize that are not a fair measure of the new size: {@link ThroughputProbe#SETTLE}
     * after a growth (HikariCP opens the connections), none after a shrink (it takes effect at once).
     */
    private int settle = ThroughputProbe.SETTLE;
    /** A growth undone for want of a gain, to be judged again at the smaller size: -1 when none. */
    private int recheckFrom = -1;
    private int recheckTo = -1;
    /** The throughput measured after that growth, the gain it needed, and the search's failed size before it. */
    private double recheckAfter;
    private double recheckGain;
    private int recheckFailedAt = -1;

    SizingController(SizingPolicy policy) {
        this.policy = policy;
        this.shrinkTicks = (int) Math.max(1, (policy.shrinkAfter().toNanos() + policy.interval().toNanos() - 1)
                / policy.interval().toNanos());
    }

    /** How many intervals make up the policy's {@code shrinkAfter}. */
    int shrinkTicks() {
        return shrinkTicks;
    }

    /**
     * A decision for this sample.
     *
     * @return the action, reason, target and the estimates behind them
     */
    Outcome decide(SizingSample s) {
        long baselineHold = updateBaseline(s);
        double busy = s.busy();
        double ratio = baselineHold > 0 && s.meanHoldNanos() > 0 ? (double) s.meanHoldNanos() / baselineHold : 1.0;
        double queue = s.completions() >= MIN_COMPLETIONS ? Math.max(0, busy * (1 - 1 / ratio)) : 0;
        boolean demand = s.pending() > 0 || s.timeouts() > 0
                || s.acquireP95Nanos() > policy.targetAcquireTime().toNanos();
        waitStreak = demand ? waitStreak + 1 : 0;
        quietStreak = demand ? 0 : quietStreak + 1;
        sinceResize++;
        if (!demand) {
            // a growth under watch goes on being measured: its connections may be what ended the waiting
            probe.forgetRecent();
            plateau = -1;
            searchStep = 0;
            failedAt = -1;
            recheckTo = -1;
        } else if (!probe.active() && sinceResize > settle) {
            probe.waited(s.current(), s.completions(), s.windowNanos());
        }
        borrowers.addLast(s.borrowers());
        while (borrowers.size() > BORROWER_SAMPLES) {
            borrowers.removeFirst();
        }
        peaks.addLast(Math.max(s.active(), (int) Math.ceil(busy)));
        while (peaks.size() > shrinkTicks) {
            peaks.removeFirst();
        }
        Estimates e = new Estimates(baselineHold, busy, queue);
        Outcome o = rule(s, e, demand);
        if (o.action() != Action.HOLD) {
            sinceResize = 0;
            settle = o.action() == Action.GROW ? ThroughputProbe.SETTLE : 0;
            lastResize = s.nowNanos();
            resized = true;
            resizes.addLast(s.nowNanos());
            quietStreak = 0;
            peaks.clear();
            if (o.action() == Action.SHRINK) {
                waitStreak = 0;
            }
        }
        return o;
    }

    private Outcome rule(SizingSample s, Estimates e, boolean demand) {
        int current = s.current();
        int cap = s.serverCap() < 0 ? s.max() : Math.min(s.max(), s.serverCap());
        if (s.nestedDeadlock()) {
            int wanted = Math.max(current + s.nestedWaiters(), Math.min(s.deadlockBound(), s.max()));
            int target = Math.min(wanted, cap);
            if (target > current) {
                return grow(e, Reason.NESTED_DEADLOCK, current, target, "every lent connection is held by a thread "
                        + "waiting for another (" + s.nestedWaiters() + " waiting; deadlock bound Tn*(Cm-1)+1 = "
                        + s.deadlockBound() + ")");
            }
            return hold(e, capReason(s, current), "nested borrowing deadlock, but the pool cannot grow past " + cap);
        }
        if (s.budgetExcess() > 0 && current > s.min()) {
            if (rateLimited(s)) {
                return hold(e, Reason.RATE_LIMITED, "over the cluster budget, but " + policy.maxResizesPerMinute()
                        + " resizes were made in the last minute");
            }
            int target = Math.max(s.min(), current - s.budgetExcess());
            return shrink(e, Reason.OVER_BUDGET, current, target, "all instances hold " + s.budgetExcess()
                    + " session(s) more than the cluster budget");
        }
        if (demand) {
            return onDemand(s, e, current, cap);
        }
        Outcome probed = probed(s, e, current, false);
        return probed != null ? probed : onQuiet(s, e, current);
    }

    private Outcome onDemand(SizingSample s, Estimates e, int current, int cap) {
        Outcome hung = hung(s, e);
        if (hung != null) {
            return hung;
        }
        Outcome probed = probed(s, e, current, true);
        if (probed != null) {
            return probed;
        }
        Outcome rechecked = rechecked(s, e, current, cap);
        if (rechecked != null) {
            return rechecked;
        }
        Outcome barred = barred(s, e, current, cap);
        if (barred != null) {
            return barred;
        }
        boolean saturated = e.queue() >= policy.saturationQueue();
        Outcome seated = seatedAtTheFloor(s, e, current, cap, saturated);
        if (seated != null) {
            return seated;
        }
        return judgedGrowth(s, e, current, cap, saturated);
    }

    /**
     * Borrowers wait, but growing would hide a suspected leak, or nothing came back during the interval (the database
     * or the borrowers hang: more connections would hang too); either ends the growth under watch. Null otherwise.
     */
    private Outcome hung(SizingSample s, Estimates e) {
        if (s.leakSuspected()) {
            probe.reset();
            return hold(e, Reason.LEAK_SUSPECTED, "borrowers wait, but a connection is held past the leak "
                    + "threshold: growing would hide the leak");
        }
        if (s.completions() == 0 && s.active() > 0
                && s.oldestBorrowNanos() > Math.max(STALL_NANOS, 4 * e.baselineHold())) {
            probe.reset();
            return hold(e, Reason.STALLED, "borrowers wait, but no connection came back during the interval: the "
                    + "database or the borrowers hang, more connections would hang too");
        }
        return null;
    }

    /**
     * Borrowers wait, but the pool may not grow now: a recent growth past this size did not pay, the waiting has not
     * lasted {@code growAfter} intervals, a limit (the maximum, the server's, the budget's) is reached or unknown, or
     * a cooldown or the resize rate holds it back. Null when it may grow.
     */
    private Outcome barred(SizingSample s, Estimates e, int current, int cap) {
        if (plateau > 0 && current >= plateau && s.nowNanos() - plateauUntil < 0) {
            return hold(e, Reason.SATURATED, "borrowers wait, but growing past " + plateau + " did not raise "
                    + "throughput; trying again in " + Math.max(1, (plateauUntil - s.nowNanos()) / 1_000_000_000L)
                    + " s");
        }
        if (waitStreak < policy.growAfter()) {
            return hold(e, Reason.STEADY, "borrowers wait; confirming over " + policy.growAfter() + " intervals");
        }
        if (current >= s.max()) {
            return hold(e, Reason.AT_MAXIMUM, "borrowers wait, but the pool is at pool_size + max_overflow = "
                    + s.max());
        }
        if (s.serverCap() < 0) {
            return hold(e, Reason.SERVER_VIEW_UNAVAILABLE, "borrowers wait, but the server's view is unavailable: "
                    + "growth cannot be checked against max_connections and the cluster budget");
        }
        if (current >= cap) {
            return hold(e, capReason(s, current), "borrowers wait, but the " + (s.capIsBudget() ? "cluster budget"
                    : "server's max_connections minus the reserve") + " allows no more than " + cap);
        }
        if (!cooledDown(s, policy.growCooldown())) {
            return hold(e, Reason.COOLDOWN, "borrowers wait; last resize too recent");
        }
        if (rateLimited(s)) {
            return hold(e, Reason.RATE_LIMITED, policy.maxResizesPerMinute() + " resizes in the last minute");
        }
        return null;
    }

    /**
     * A growth judged by throughput, or grown blind when too few returns come back to measure it. The database not
     * saturated: double (slow start); otherwise a quarter more. The growth is kept only if throughput rises with it;
     * once one did not, the next step is half the distance between the last size that paid off and the first that
     * did not. Without enough returns to measure throughput (a slow workload), the pool doubles only while as many
     * wait as are lent, and grows only while the database does not look saturated.
     */
    private Outcome judgedGrowth(SizingSample s, Estimates e, int current, int cap, boolean saturated) {
        double before = probe.throughputAt(current);
        Outcome unmeasured = unmeasured(s, e, current, saturated, before);
        if (unmeasured != null) {
            return unmeasured;
        }
        int target = Math.min(current + step(s, current, saturated, before), cap);
        if (failedAt > current) {
            target = Math.min(target, failedAt - 1);
        }
        // never more connections than borrowers: a connection no borrower can hold only adds sessions to the server
        int most = mostBorrowers();
        if (target > most) {
            if (most <= current) {
                return hold(e, Reason.STEADY, "borrowers wait, but there are no more borrowers (" + most
                        + " lent or waiting at most) than connections");
            }
            target = most;
        }
        if (target <= current) {
            int failed = failedAt;
            nextStep(s, current, 0);
            return hold(e, Reason.SATURATED, "borrowers wait, but growing to " + failed + " did not raise "
                    + "throughput");
        }
        String check;
        if (before > 0) {
            probe.start(current, target, before);
            check = String.format("kept if throughput rises above %.0f/s", before * (1 + probe.requiredGain()));
        } else {
            check = "too few returns to measure throughput, the database is not saturated";
        }
        return grow(e, Reason.WAITING, current, target, String.format("%d thread(s) waiting, acquire p95 %.1f ms, "
                + "%d timeout(s), queue estimate %.1f; %s", s.pending(), s.acquireP95Nanos() / 1e6, s.timeouts(),
                e.queue(), check));
    }

    /**
     * Holds while the throughput at the current size is still to be measured ({@code before} below 0: the database
     * looks saturated, or enough returns come back to know it within an interval or two) or, above the floor, still
     * rises. Null when the growth may go ahead.
     */
    private Outcome unmeasured(SizingSample s, Estimates e, int current, boolean saturated, double before) {
        if (before < 0 && saturated) {
            return hold(e, Reason.PROBING, String.format("borrowers wait and about %.1f queue inside the database; "
                    + "measuring the throughput at %d connections before growing", e.queue(), current));
        }
        if (before < 0 && (sinceResize <= settle || s.completions() >= MEASURABLE_RETURNS)) {
            // enough returns that the throughput at this size will be known within an interval or two
            return hold(e, Reason.PROBING, "borrowers wait; measuring the throughput at " + current
                    + " connections before growing");
        }
        if (before > 0 && current > s.min() && !probe.steady(current)) {
            // a growth judged against a throughput that still rises would be credited with the warm-up: past the
            // floor (where a load arriving finds the pool too small by far), wait until it is steady
            return hold(e, Reason.PROBING, String.format("borrowers wait; measuring the throughput at %d "
                    + "connections (%.0f/s) until it stops rising before growing", current, before));
        }
        return null;
    }

    /**
     * The growth's step. Judged by throughput ({@code before} above 0): double however few wait at the moment of the
     * sample (with 4 clients on 2 connections it catches 1 or 2), a quarter when hold times say the database queues,
     * the search's step once a growth did not pay off; out of the floor (pool_size, where a load arriving finds the
     * pool) as many as wait, up to four times the size, so a load finds its size in one growth rather than two.
     * Grown blind: double while as many wait as are lent and the database does not look saturated, else a quarter.
     */
    private int step(SizingSample s, int current, boolean saturated, double before) {
        int quarter = Math.max(1, (current + 3) / 4);
        if (before <= 0) {
            return s.pending() >= current && !saturated ? Math.min(current, s.pending()) : quarter;
        }
        if (searchStep > 0) {
            return searchStep;
        }
        if (saturated) {
            return quarter;
        }
        if (current <= s.min()) {
            return Math.max(current, Math.min(s.pending(), 3 * current));
        }
        return current;
    }

    /**
     * Out of the floor ({@code pool_size}) when there are at most twice as many borrowers as connections: grows to
     * seat every borrower at once and does not judge the growth by throughput. The floor's throughput can only be
     * measured in the load's first second, while the pool's sessions, the server's caches and the JIT warm up, and
     * is no fair measure (a 2-core PostgreSQL did 3,182/s at 2 connections in a fresh pool's first second and 2,500/s
     * warm); judged against it, the growth 2 -> 4 for 4 clients looked like a loss, was undone, and the clients
     * waited at 2 connections again for the second it took to measure 2 once more. A fixed pool sized for the
     * clients never makes them wait; this growth costs at most {@code pool_size} sessions the user allowed, only
     * while the borrowers are there, and every growth past it is judged. Null when the rule does not apply (above
     * the floor, more borrowers than twice the floor, the database looking saturated, or a failed size in the way).
     */
    private Outcome seatedAtTheFloor(SizingSample s, Estimates e, int current, int cap, boolean saturated) {
        int most = mostBorrowers();
        if (current > s.min() || saturated || most <= current || most > 2 * current) {
            return null;
        }
        int target = Math.min(most, cap);
        if (failedAt > current) {
            target = Math.min(target, failedAt - 1);
        }
        if (target <= current) {
            return null;
        }
        return grow(e, Reason.WAITING, current, target, String.format("%d thread(s) waiting at pool_size (%d), "
                + "%d borrower(s): seating them all, not judged by throughput (a load's first second is no fair "
                + "measure of the floor)", s.pending(), current, most));
    }

    /** The most borrowers (lent plus waiting) of the last {@link #BORROWER_SAMPLES} samples. */
    private int mostBorrowers() {
        return borrowers.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /**
     * The outcome of a growth being measured: hold while measuring, go back when throughput did not rise with it;
     * null when no growth is measured, it paid off, or ({@code demand} false) throughput fell because the load did.
     */
    private Outcome probed(SizingSample s, Estimates e, int current, boolean demand) {
        if (!probe.active()) {
            return null;
        }
        ThroughputProbe.Verdict v = probe.observe(current, s.completions(), s.windowNanos());
        if (v == ThroughputProbe.Verdict.MEASURING) {
            return probe.active() ? hold(e, Reason.PROBING, String.format("measuring whether growing from %d to %d "
                    + "raises throughput above %.0f/s", probe.from(), probe.to(), probe.before()
                    * (1 + probe.requiredGain()))) : null;
        }
        if (v == ThroughputProbe.Verdict.GAIN) {
            if (failedAt > 0) {
                // between a size that paid off and one that did not: half the distance, or stay when it is small
                nextStep(s, probe.to(), (failedAt - probe.to()) / 2);
            } else {
                searchStep = 0;
            }
            return null;
        }
        if (!demand && probe.after() < probe.before() * (1 - 2 * ThroughputProbe.MIN_GAIN)) {
            // nobody waits and fewer connections come back than before the growth: the load went, not the gain;
            // shrinking is then left to shrinkAfter
            return null;
        }
        int failedBefore = failedAt;
        failedAt = probe.to();
        nextStep(s, probe.from(), (probe.to() - probe.from()) / 2);
        String why = String.format("growing from %d to %d raised throughput %.0f %% (%.0f -> %.0f/s, %.0f %% "
                        + "needed): the database does no more with more connections", probe.from(), probe.to(),
                100 * (probe.after() / probe.before() - 1), probe.before(), probe.after(), 100 * probe.requiredGain());
        if (current > probe.from() && !rateLimited(s)) {
            if (probe.from() >= s.min()) {
                // the throughput before was measured earlier, maybe under other conditions (a fresh pool's first
                // second, a drifting server): the smaller size is measured again right after going back
                recheckFrom = probe.from();
                recheckTo = probe.to();
                recheckAfter = probe.after();
                recheckGain = probe.requiredGain();
                recheckFailedAt = failedBefore;
            }
            return shrink(e, Reason.SATURATED, current, Math.max(s.min(), probe.from()), why + "; back to "
                    + probe.from() + ", where throughput is measured again");
        }
        return hold(e, Reason.SATURATED, why);
    }

    /**
     * After a growth was undone for want of a gain: the throughput at the smaller size measured again, right after
     * the larger size's, set against it. When the larger size did better by the gain it needed, the first
     * measurement of the smaller one was off (taken earlier, under other conditions), and the pool grows back to the
     * larger size, which is kept as if it had paid off at once; otherwise the verdict stands. Null when no growth
     * waits to be judged again, or the verdict stands.
     */
    private Outcome rechecked(SizingSample s, Estimates e, int current, int cap) {
        if (recheckTo < 0) {
            return null;
        }
        if (current != recheckFrom) {
            recheckTo = -1;
            return null;
        }
        double again = probe.throughputAt(current);
        if (again < 0) {
            return hold(e, Reason.PROBING, String.format("measuring the throughput at %d again: %d did %.0f/s",
                    current, recheckTo, recheckAfter));
        }
        int to = recheckTo;
        if (recheckAfter < again * (1 + recheckGain) || to > cap) {
            recheckTo = -1;
            return null;
        }
        if (!cooledDown(s, policy.growCooldown()) || rateLimited(s)) {
            return hold(e, Reason.COOLDOWN, String.format("%d connection(s) do %.0f/s, %d did %.0f/s: growing back "
                    + "once the last resize is far enough behind", current, again, to, recheckAfter));
        }
        recheckTo = -1;
        // as if the growth had paid off when it was first judged
        plateau = -1;
        failedAt = recheckFailedAt;
        if (failedAt > 0) {
            nextStep(s, to, (failedAt - to) / 2);
        } else {
            searchStep = 0;
        }
        return grow(e, Reason.WAITING, current, to, String.format("measured again, %d connection(s) do %.0f/s and "
                + "%d did %.0f/s (%.0f %% more, %.0f %% needed): the first measurement at %d was off; back to %d",
                current, again, to, recheckAfter, 100 * (recheckAfter / again - 1), 100 * recheckGain, current, to));
    }

    /**
     * Sets the next growth's step from {@code size}; a step too small to measure (under a quarter of the size) ends
     * the search: the pool stays at {@code size} for {@code probeAfter}, then tries a quarter more.
     */
    private void nextStep(SizingSample s, int size, int step) {
        int smallest = Math.max(1, size / 4);
        if (step >= smallest) {
            searchStep = step;
            return;
        }
        plateau = size;
        plateauUntil = s.nowNanos() + policy.probeAfter().toNanos();
        searchStep = smallest;
        failedAt = -1;
    }

    private Outcome onQuiet(SizingSample s, Estimates e, int current) {
        if (quietStreak < shrinkTicks || current <= s.min()) {
            return hold(e, Reason.STEADY, "no borrower waits");
        }
        int peak = peaks.stream().mapToInt(Integer::intValue).max().orElse(0);
        int desired = Math.max(s.min(), peak + policy.spareConnections());
        if (desired >= current) {
            return hold(e, Reason.STEADY, "no borrower waits and the peak in use (" + peak + ") needs the size");
        }
        if (!cooledDown(s, policy.shrinkCooldown())) {
            return hold(e, Reason.COOLDOWN, "connections idle; last resize too recent");
        }
        if (rateLimited(s)) {
            return hold(e, Reason.RATE_LIMITED, policy.maxResizesPerMinute() + " resizes in the last minute");
        }
        int target = Math.max(desired, current - Math.max(1, (current - desired + 1) / 2));
        return shrink(e, Reason.IDLE, current, target, "at most " + peak + " connection(s) in use over the last "
                + policy.shrinkAfter().toSeconds() + " s; keeping " + policy.spareConnections() + " spare");
    }

    private static Reason capReason(SizingSample s, int current) {
        if (current >= s.max()) {
            return Reason.AT_MAXIMUM;
        }
        return s.capIsBudget() ? Reason.CLUSTER_BUDGET : Reason.SERVER_LIMIT;
    }

    private long updateBaseline(SizingSample s) {
        if (s.completions() >= MIN_COMPLETIONS && s.meanHoldNanos() > 0) {
            baseline.addLast(s.meanHoldNanos());
            while (baseline.size() > BASELINE_SAMPLES) {
                baseline.removeFirst();
            }
        }
        if (baseline.isEmpty()) {
            return 0;
        }
        // a low percentile rather than the minimum: one lucky interval must not make every later one look saturated
        long[] sorted = baseline.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(int) Math.floor(BASELINE_PERCENTILE * (sorted.length - 1))];
    }

    private boolean cooledDown(SizingSample s, java.time.Duration cooldown) {
        return !resized || s.nowNanos() - lastResize >= cooldown.toNanos();
    }

    private boolean rateLimited(SizingSample s) {
        while (!resizes.isEmpty() && s.nowNanos() - resizes.peekFirst() >= MINUTE_NANOS) {
            resizes.removeFirst();
        }
        return resizes.size() >= policy.maxResizesPerMinute();
    }

    private static Outcome grow(Estimates e, Reason reason, int from, int to, String why) {
        return new Outcome(Action.GROW, reason, to, why, e);
    }

    private static Outcome shrink(Estimates e, Reason reason, int from, int to, String why) {
        return new Outcome(Action.SHRINK, reason, to, why, e);
    }

    private static Outcome hold(Estimates e, Reason reason, String why) {
        return new Outcome(Action.HOLD, reason, -1, why, e);
    }

    /** The estimates behind a decision. */
    record Estimates(long baselineHold, double busy, double queue) {
    }

    /**
     * A decision.
     *
     * @param action what to do
     * @param reason why
     * @param target the new maximum, -1 when holding
     * @param explanation why, in words
     * @param estimates the estimates behind it
     */
    record Outcome(Action action, Reason reason, int target, String explanation, Estimates estimates) {
    }
}
