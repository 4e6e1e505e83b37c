package io.dbopt.pool.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.pool.SizingDecision.Action;
import io.dbopt.pool.SizingDecision.Reason;
import io.dbopt.pool.SizingPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sizing rule on synthetic samples: pure logic, no database. */
class SizingControllerTest {

    private static final long TICK = 500_000_000L;
    private static final long MS = 1_000_000L;

    private final SizingPolicy policy = SizingPolicy.builder().interval(Duration.ofMillis(500))
            .shrinkAfter(Duration.ofSeconds(5)).growCooldown(Duration.ofSeconds(1))
            .shrinkCooldown(Duration.ofSeconds(5)).maxResizesPerMinute(10).build();
    private final SizingController controller = new SizingController(policy);
    private long now;

    /** A sample builder with sensible defaults: 1 ms holds, 100 completions per tick, nobody waiting. */
    private final class S {
        int current = 4;
        int min = 2;
        int max = 16;
        int active = 1;
        int pending;
        long completions = 100;
        long holdMs = 1;
        long acquireP95 = 0;
        long timeouts;
        boolean leak;
        boolean deadlock;
        int nestedWaiters;
        int bound = 1;
        int serverCap = 100;
        boolean capIsBudget;
        int excess;
        long oldestMs = 5;

        SizingController.Outcome decide() {
            now += TICK;
            return controller.decide(new SizingSample(now, current, min, max, active, pending, TICK, completions,
                    holdMs * MS, acquireP95, timeouts, leak, deadlock, nestedWaiters, bound, serverCap, capIsBudget,
                    excess, oldestMs * MS));
        }
    }

    @Test
    void growsOnlyAfterWaitingLastsTwoIntervals() {
        S s = new S();
        s.decide();
        s.pending = 4;
        s.active = 4;
        assertThat(s.decide().action()).isEqualTo(Action.HOLD);
        s.pending = 3; // one of the 8 borrowers between two borrows at this sample
        SizingController.Outcome o = s.decide();
        assertThat(o.action()).isEqualTo(Action.GROW);
        assertThat(o.reason()).isEqualTo(Reason.WAITING);
        assertThat(o.target()).as("judged by throughput, it doubles however few wait at the sample").isEqualTo(8);
    }

    /** At pool_size, where a load arriving finds the pool: as many as wait, at least double, at most four times. */
    @Test
    void outOfTheFloorItGrowsToAsManyAsWaitUpToFourTimesTheSize() {
        assertThat(secondDecision(2, 14).target()).as("14 wait at 2: four times 2").isEqualTo(8);
        assertThat(secondDecision(2, 3).target()).as("3 wait at 2: 2 + 3").isEqualTo(5);
        assertThat(secondDecision(2, 2).target()).as("2 wait at 2: still doubles").isEqualTo(4);
        assertThat(secondDecision(2, 1).target()).as("1 waits at 2: 3 borrowers, 3 connections").isEqualTo(3);
        assertThat(secondDecision(4, 14).target()).as("above the floor (2): doubles").isEqualTo(8);
    }

    /** What a fresh controller decides on the second of two waiting intervals at {@code size}, floor 2. */
    private SizingController.Outcome secondDecision(int size, int pending) {
        SizingController c = new SizingController(policy);
        SizingController.Outcome o = null;
        for (int i = 0; i < 2; i++) {
            now += TICK;
            o = c.decide(new SizingSample(now, size, 2, 16, size, pending, TICK, 100, MS, 0, 0, false, false, 0, 1,
                    100, false, 0, 5 * MS));
        }
        assertThat(o.action()).isEqualTo(Action.GROW);
        return o;
    }

    /**
     * 4 borrowers on the floor of 2: the growth to 4 seats them all and is not judged by throughput, so a flat
     * throughput (as the floor measured in a load's first second can make it look) does not send the pool back to 2,
     * where 2 of the 4 would wait again. 5 borrowers (more than twice the floor) grow as before: judged, and undone
     * when throughput stays flat.
     */
    @Test
    void outOfTheFloorALoadOfTwiceTheFloorIsSeatedAndNotSentBackByAFlatThroughput() {
        SizingController.Outcome seated = afterFlatThroughput(2);
        assertThat(seated.action()).as(seated.explanation()).isEqualTo(Action.HOLD);
        assertThat(seated.reason()).isNotIn(Reason.PROBING, Reason.SATURATED);
        SizingController.Outcome judged = afterFlatThroughput(3);
        assertThat(judged.action()).as(judged.explanation()).isEqualTo(Action.SHRINK);
        assertThat(judged.reason()).isEqualTo(Reason.SATURATED);
        assertThat(judged.target()).isEqualTo(2);
    }

    /**
     * A fresh controller at the floor of 2 with 2 lent and {@code waiting} waiting: the growth that seats them, then
     * as many intervals with the same 200 returns a second as a growth's verdict takes; returns the last decision.
     */
    private SizingController.Outcome afterFlatThroughput(int waiting) {
        SizingController c = new SizingController(policy);
        SizingController.Outcome grow = null;
        for (int i = 0; i < 2; i++) {
            now += TICK;
            grow = c.decide(new SizingSample(now, 2, 2, 16, 2, waiting, TICK, 100, 10 * MS, 20 * MS, 0, false, false,
                    0, 1, 100, false, 0, 10 * MS));
        }
        assertThat(grow.action()).as(grow.explanation()).isEqualTo(Action.GROW);
        int size = grow.target();
        assertThat(size).isEqualTo(2 + waiting);
        SizingController.Outcome o = null;
        for (int i = 0; i < ThroughputProbe.SETTLE + ThroughputProbe.MAX_AFTER; i++) {
            now += TICK;
            o = c.decide(new SizingSample(now, size, 2, 16, size, 0, TICK, 100, 10 * MS * size / 2, 0, 0, false,
                    false, 0, 1, 100, false, 0, 10 * MS));
            if (o.action() != Action.HOLD) {
                return o;
            }
        }
        return o;
    }

    @Test
    void withTooFewReturnsToJudgeByThroughputItDoublesOnlyWhileAsManyWaitAsAreLent() {
        S s = new S();
        s.completions = 4;
        s.decide();
        s.pending = 3;
        s.active = 4;
        assertThat(s.decide().action()).isEqualTo(Action.HOLD);
        SizingController.Outcome o = s.decide();
        assertThat(o.action()).isEqualTo(Action.GROW);
        assertThat(o.target()).isEqualTo(5);
    }

    @Test
    void doublesWhenManyWaitAndTheDatabaseIsFarFromSaturated() {
        S s = new S();
        s.current = 6;
        s.active = 6;
        s.pending = 40;
        s.decide();
        SizingController.Outcome o = s.decide();
        assertThat(o.action()).isEqualTo(Action.GROW);
        assertThat(o.target()).isEqualTo(12);
    }

    @Test
    void growsByAQuarterWhenManyWaitButTheDatabaseLooksSaturated() {
        S s = saturatedLooking();
        s.pending = 40;
        s.decide();
        SizingController.Outcome o = s.decide();
        assertThat(o.action()).isEqualTo(Action.GROW);
        assertThat(o.estimates().queue()).isGreaterThanOrEqualTo(policy.saturationQueue());
        assertThat(o.target()).isEqualTo(10);
    }

    /** Waiting borrowers while connections are held 4x longer than unloaded: the Vegas estimate says saturated. */
    private S saturatedLooking() {
        S s = new S();
        s.current = 8;
        s.decide(); // baseline: 1 ms holds
        s.active = 8;
        s.pending = 6;
        s.holdMs = 4;
        s.completions = 1000; // busy = 1000 * 4 ms / 500 ms = 8, queue = 8 * (1 - 1/4) = 6
        return s;
    }

    @Test
    void pastSlowStartAGrowthIsKeptWhenThroughputRisesWithIt() {
        S s = saturatedLooking();
        SizingController.Outcome confirming = s.decide();
        assertThat(confirming.action()).isEqualTo(Action.HOLD);
        assertThat(confirming.estimates().queue()).isEqualTo(6.0);
        SizingController.Outcome grow = s.decide();
        assertThat(grow.action()).isEqualTo(Action.GROW);
        assertThat(grow.target()).as("by a quarter, not doubling: fewer wait than are lent").isEqualTo(10);
        s.current = 10;
        s.active = 10;
        s.pending = 6; // the same 16 borrowers
        s.completions = 1300; // 2,600 returns a second instead of 2,000: the growth paid off, clearly
        for (int i = 0; i < ThroughputProbe.SETTLE + ThroughputProbe.EARLY - 1; i++) {
            SizingController.Outcome measuring = s.decide();
            assertThat(measuring.action()).isEqualTo(Action.HOLD);
            assertThat(measuring.reason()).isEqualTo(Reason.PROBING);
        }
        SizingController.Outcome again = s.decide();
        assertThat(again.action()).isEqualTo(Action.GROW);
        // the best recent hold time is now the 4 ms of the loaded intervals: no queue estimated, so it doubles
        assertThat(again.estimates().queue()).isLessThan(policy.saturationQueue());
        assertThat(again.target()).isEqualTo(16);
    }

    @Test
    void aGrowthThatDoesNotRaiseThroughputIsUndoneAndTriedAgainLater() {
        S s = saturatedLooking();
        s.decide();
        assertThat(s.decide().target()).isEqualTo(10);
        s.current = 10; // same 2,000 returns a second at 10 connections as at 8
        SizingController.Outcome o = null;
        for (int i = 0; i < ThroughputProbe.SETTLE + ThroughputProbe.AFTER; i++) {
            o = s.decide();
        }
        assertThat(o.action()).isEqualTo(Action.SHRINK);
        assertThat(o.reason()).isEqualTo(Reason.SATURATED);
        assertThat(o.target()).isEqualTo(8);
        assertThat(o.explanation()).contains("growing from 8 to 10 raised throughput 0 %");
        s.current = 8;
        long ticks = policy.probeAfter().toNanos() / TICK;
        for (int i = 0; i < ticks - 1; i++) {
            SizingController.Outcome held = s.decide();
            assertThat(held.action()).as("tick %d", i).isEqualTo(Action.HOLD);
            // the first interval measures 8 again (2,000/s, as 10 did: the verdict stands)
            assertThat(held.reason()).isEqualTo(i == 0 ? Reason.PROBING : Reason.SATURATED);
        }
        SizingController.Outcome retry = s.decide();
        assertThat(retry.action()).isEqualTo(Action.GROW);
        assertThat(retry.target()).isEqualTo(10);
    }

    /**
     * 16 borrowers on 8 connections: doubling to 16 ends the waiting, but throughput stays flat, so the growth is still
     * judged (not kept because nobody waits any more) and undone; the next try is half the step, and only after the
     * throughput at 8 was measured again.
     */
    @Test
    void aGrowthThatEndsTheWaitingIsStillJudgedAndTheNextTryIsHalfTheStep() {
        S s = new S();
        s.current = 8;
        s.active = 8;
        s.pending = 8;
        s.holdMs = 4;
        s.completions = 1000; // 2,000 returns a second, busy 8: not saturated
        assertThat(s.decide().action()).isEqualTo(Action.HOLD);
        SizingController.Outcome grow = s.decide();
        assertThat(grow.action()).isEqualTo(Action.GROW);
        assertThat(grow.target()).isEqualTo(16);
        s.current = 16;
        s.active = 16;
        s.pending = 0;
        s.holdMs = 8; // the same 2,000 a second, each connection held twice as long
        for (int i = 0; i < ThroughputProbe.SETTLE + ThroughputProbe.AFTER - 1; i++) {
            assertThat(s.decide().reason()).as("tick %d", i).isEqualTo(Reason.PROBING);
        }
        SizingController.Outcome back = s.decide();
        assertThat(back.action()).isEqualTo(Action.SHRINK);
        assertThat(back.reason()).isEqualTo(Reason.SATURATED);
        assertThat(back.target()).isEqualTo(8);
        s.current = 8;
        s.active = 8;
        s.pending = 8;
        s.holdMs = 4;
        SizingController.Outcome measuring = s.decide();
        assertThat(measuring.action()).isEqualTo(Action.HOLD);
        assertThat(measuring.explanation()).as("a shrink takes effect at once: its first interval is measured")
                .contains("measuring the throughput at 8 again");
        SizingController.Outcome again = s.decide();
        assertThat(again.action()).as("8 measured again does as much as 16: the verdict stands").isEqualTo(Action.GROW);
        assertThat(again.target()).as("half the step that did not pay off").isEqualTo(12);
    }

    /**
     * 16 borrowers on 10 connections, throughput rising: doubling would open 20, and the 4 connections no borrower can
     * hold only add sessions (the stop-25 benchmark did 10 -> 20 at 16 threads). The growth stops at the most borrowers
     * seen in the last samples, and with no more borrowers than connections the pool holds.
     */
    @Test
    void neverGrowsPastTheBorrowersThereAre() {
        S s = new S();
        s.max = 32;
        s.current = 10;
        s.active = 10;
        s.pending = 6;
        s.completions = 1000;
        assertThat(s.decide().action()).isEqualTo(Action.HOLD);
        s.pending = 5; // a sample that catches one borrower between two borrows: the most seen still counts
        SizingController.Outcome grow = s.decide();
        assertThat(grow.action()).isEqualTo(Action.GROW);
        assertThat(grow.target()).as(grow.explanation()).isEqualTo(16);
    }

    /** Borrowers wait for connections that are still opening: there are no more borrowers than connections. */
    @Test
    void holdsWhenThereAreNoMoreBorrowersThanConnections() {
        S t = new S();
        t.current = 10;
        t.active = 8; // two connections not lent yet: 2 borrowers wait for them to open
        t.pending = 2;
        t.acquireP95 = 50 * MS;
        t.decide();
        SizingController.Outcome held = t.decide();
        assertThat(held.action()).as(held.explanation()).isEqualTo(Action.HOLD);
        assertThat(held.explanation()).contains("no more borrowers");
    }

    @Test
    void aDoublingIsKeptForAFewPerCentNotOnlyForAQuarterMore() {
        S s = new S();
        s.current = 4;
        s.active = 4;
        s.pending = 12;
        s.holdMs = 2;
        s.completions = 1000; // 2,000 a second at 4 connections
        s.decide();
        assertThat(s.decide().target()).isEqualTo(8);
        s.current = 8;
        s.active = 8;
        s.pending = 8;
        s.holdMs = 4;
        s.completions = 1100; // 10 % more at twice the connections: the best size of a 2-core database
        for (int i = 0; i < ThroughputProbe.SETTLE + ThroughputProbe.AFTER - 1; i++) {
            assertThat(s.decide().reason()).isEqualTo(Reason.PROBING);
        }
        SizingController.Outcome kept = s.decide();
        assertThat(kept.action()).as(kept.explanation()).isNotEqualTo(Action.SHRINK);
        s.completions = 1040; // 4 % more: within the noise of a few intervals, the smaller size did as much
        ThroughputProbe probe = new ThroughputProbe();
        probe.waited(8, 1000, TICK);
        probe.waited(8, 1000, TICK);
        probe.start(8, 16, probe.throughputAt(8));
        ThroughputProbe.Verdict v = ThroughputProbe.Verdict.MEASURING;
        for (int i = 0; i < ThroughputProbe.SETTLE + ThroughputProbe.AFTER; i++) {
            v = probe.observe(16, 1040, TICK);
        }
        assertThat(v).isEqualTo(ThroughputProbe.Verdict.NO_GAIN);
    }

    @Test
    void shrinksToThePeakPlusASpareAfterConnectionsSatIdle() {
        S s = new S();
        s.current = 12;
        s.active = 2;
        s.completions = 100; // busy 0.2
        SizingController.Outcome o = null;
        for (int i = 0; i < controller.shrinkTicks(); i++) {
            o = s.decide();
            if (i < controller.shrinkTicks() - 1) {
                assertThat(o.action()).isEqualTo(Action.HOLD);
            }
        }
        assertThat(o.action()).isEqualTo(Action.SHRINK);
        assertThat(o.reason()).isEqualTo(Reason.IDLE);
        // halfway from 12 towards peak 2 + 1 spare
        assertThat(o.target()).isEqualTo(7);
    }

    @Test
    void aGrowthIsFollowedByHoldsUntilItsEffectIsMeasuredAndQuietDoesNotShrinkAtOnce() {
        S s = new S();
        s.pending = 5;
        s.active = 4;
        s.decide();
        SizingController.Outcome grow = s.decide();
        assertThat(grow.action()).isEqualTo(Action.GROW);
        assertThat(grow.target()).as("as many wait as are lent: doubles").isEqualTo(8);
        s.current = 8;
        s.active = 8;
        s.pending = 8; // more borrowers came
        s.completions = 200; // twice the throughput at twice the connections
        // the new connections open, then the throughput is measured (a clear gain over EARLY intervals): no resize
        // meanwhile
        for (int i = 0; i < ThroughputProbe.SETTLE + ThroughputProbe.EARLY - 1; i++) {
            assertThat(s.decide().action()).isEqualTo(Action.HOLD);
        }
        SizingController.Outcome again = s.decide();
        assertThat(again.action()).isEqualTo(Action.GROW);
        assertThat(again.target()).as("the growth paid off and the database is not saturated: doubles again")
                .isEqualTo(16);
        s.current = 16;
        // load vanishes: no shrink before shrinkAfter of quiet
        s.pending = 0;
        s.active = 0;
        s.completions = 0;
        for (int i = 0; i < controller.shrinkTicks() - 1; i++) {
            assertThat(s.decide().action()).isEqualTo(Action.HOLD);
        }
        assertThat(s.decide().action()).isEqualTo(Action.SHRINK);
    }

    @Test
    void boundsResizesPerMinute() {
        SizingPolicy tight = SizingPolicy.builder().growCooldown(Duration.ZERO).maxResizesPerMinute(2)
                .growAfter(1).build();
        SizingController c = new SizingController(tight);
        int size = 4;
        int grows = 0;
        Reason last = null;
        for (int i = 0; i < 20; i++) {
            now += TICK;
            // throughput grows with the size, so every growth pays off: only the rate limit stops it
            SizingController.Outcome o = c.decide(new SizingSample(now, size, 2, 64, size, 10, TICK, 25L * size,
                    MS, 0, 0, false, false, 0, 1, 100, false, 0, MS));
            if (o.action() == Action.GROW) {
                grows++;
                size = o.target();
            } else {
                assertThat(o.reason()).isIn(Reason.PROBING, Reason.RATE_LIMITED);
                last = o.reason();
            }
        }
        assertThat(grows).isEqualTo(2);
        assertThat(last).isEqualTo(Reason.RATE_LIMITED);
    }

    @Test
    void neverGrowsToHideALeak() {
        S s = new S();
        s.pending = 5;
        s.active = 4;
        s.leak = true;
        s.decide();
        SizingController.Outcome o = s.decide();
        assertThat(o.action()).isEqualTo(Action.HOLD);
        assertThat(o.reason()).isEqualTo(Reason.LEAK_SUSPECTED);
    }

    @Test
    void holdsWhenNothingComesBackBecauseMoreConnectionsWouldHangToo() {
        S s = new S();
        s.decide(); // baseline: 1 ms holds
        s.pending = 5;
        s.active = 4;
        s.completions = 0;
        s.oldestMs = 300; // slow, but not a stall yet
        s.decide();
        assertThat(s.decide().reason()).isNotEqualTo(Reason.STALLED);
        s.oldestMs = 1_500;
        assertThat(s.decide().reason()).isEqualTo(Reason.STALLED);
    }

    @Test
    void respectsTheServerLimitTheBudgetAndAnUnknownServer() {
        S s = new S();
        s.pending = 5;
        s.active = 4;
        s.serverCap = 4;
        s.decide();
        assertThat(s.decide().reason()).isEqualTo(Reason.SERVER_LIMIT);
        s.capIsBudget = true;
        assertThat(s.decide().reason()).isEqualTo(Reason.CLUSTER_BUDGET);
        s.serverCap = -1;
        assertThat(s.decide().reason()).isEqualTo(Reason.SERVER_VIEW_UNAVAILABLE);
        s.serverCap = 6;
        SizingController.Outcome o = s.decide();
        assertThat(o.action()).isEqualTo(Action.GROW);
        assertThat(o.target()).isLessThanOrEqualTo(6);
    }

    @Test
    void shrinksWhenTheClusterIsOverItsBudget() {
        S s = new S();
        s.current = 8;
        s.excess = 3;
        SizingController.Outcome o = s.decide();
        assertThat(o.action()).isEqualTo(Action.SHRINK);
        assertThat(o.reason()).isEqualTo(Reason.OVER_BUDGET);
        assertThat(o.target()).isEqualTo(5);
    }

    @Test
    void growsToTheDeadlockBoundWhenNestedBorrowersBlockEachOther() {
        S s = new S();
        s.current = 4;
        s.active = 4;
        s.pending = 4;
        s.completions = 0;
        s.leak = true;
        s.deadlock = true;
        s.nestedWaiters = 4;
        s.bound = 5;
        SizingController.Outcome o = s.decide();
        assertThat(o.action()).isEqualTo(Action.GROW);
        assertThat(o.reason()).isEqualTo(Reason.NESTED_DEADLOCK);
        assertThat(o.target()).isEqualTo(8);
    }
}
