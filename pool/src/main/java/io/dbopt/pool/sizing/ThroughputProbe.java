package io.dbopt.pool.sizing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Whether a growth paid off: the throughput (connections returned per second) of the last few waiting intervals at
 * the size before a growth, set against the throughput at the new size once its connections are open. Hold times
 * alone cannot tell queueing inside the database from contention that still lets more connections do more work (a
 * database sharing its cores with its clients, group commit), so the sizer keeps a growth only when throughput rose
 * with it, and goes back when it did not. Throughput is only compared over at least {@link #MIN_EVENTS} returns, so a
 * slow workload takes longer to judge; a clear gain is kept after {@link #EARLY} intervals. Not thread-safe: the
 * controller calls it from one thread.
 */
final class ThroughputProbe {

    /** What became of a growth. */
    enum Verdict {
        /** Not enough intervals at the new size yet. */
        MEASURING,
        /** Throughput rose enough: keep the size, growing further may help. */
        GAIN,
        /** Throughput did not rise (or fell): the smaller size did as much. */
        NO_GAIN
    }

    /** Waiting intervals remembered for the throughput before a growth. */
    static final int BEFORE = 4;
    /** Intervals at the new size skipped while its connections open. */
    static final int SETTLE = 1;
    /** Intervals measured at the new size, at least and at most. */
    static final int AFTER = 4;
    static final int MAX_AFTER = 8;
    /**
     * Intervals after which a growth that raised throughput by twice {@link #requiredGain()} is kept without waiting
     * for {@link #AFTER}: a clear gain (slow start on an idle database) needs no more evidence, and the pool reaches
     * its size sooner.
     */
    static final int EARLY = 2;
    /** Returns a throughput must be measured over to be compared. */
    static final long MIN_EVENTS = 20;
    /**
     * The rise in throughput a doubling must bring to be kept; a smaller growth needs it in proportion to log2 of its
     * ratio (growing by half: 4.7 %), and any growth at least {@link #MIN_GAIN}, about what a few averaged intervals
     * can tell from noise. Below it, the smaller size is within a few per cent of the larger one's throughput.
     */
    static final double GAIN_PER_DOUBLING = 0.08;
    static final double MIN_GAIN = 0.05;
    /**
     * The rise from the earlier to the later half of those intervals above which the throughput still climbs: half
     * the least gain a growth must bring, so a warm-up that would pass for that gain over a growth's measurement
     * shows within two intervals.
     */
    static final double RISING = MIN_GAIN / 2;

    /** Recent waiting intervals: size, returns, nanoseconds. */
    private final Deque<long[]> recent = new ArrayDeque<>();
    private int from;
    private int to;
    private double before;
    private int seen;
    private long afterEvents;
    private long afterNanos;
    private int afterCount;
    private boolean active;

    /** Records one waiting interval at {@code size}: {@code returns} connections came back in {@code nanos}. */
    void waited(int size, long returns, long nanos) {
        recent.addLast(new long[] {size, returns, nanos});
        while (recent.size() > BEFORE) {
            recent.removeFirst();
        }
    }

    /** Forgets the recent throughput and any growth being watched (the load changed). */
    void reset() {
        recent.clear();
        active = false;
    }

    /** Forgets the recent throughput but keeps watching a growth (its connections may be what ended the waiting). */
    void forgetRecent() {
        recent.clear();
    }

    /**
     * Returns per second over the recent waiting intervals at {@code size}, or -1 when there are fewer than two of
     * them or fewer than {@link #MIN_EVENTS} returns.
     */
    double throughputAt(int size) {
        long events = 0;
        long nanos = 0;
        int n = 0;
        for (long[] r : recent) {
            if ((int) r[0] == size) {
                events += r[1];
                nanos += r[2];
                n++;
            }
        }
        return n >= 2 && events >= MIN_EVENTS ? events * 1e9 / nanos : -1;
    }

    /**
     * Whether the throughput at {@code size} is steady enough to judge a growth against: over the recent waiting
     * intervals at that size, the later half returned less than {@link #RISING} more per second than the earlier half
     * (true with fewer than two intervals: nothing to compare). A fresh pool and new connections warm up for a second
     * or more (the JIT, the server's caches, the driver's prepared statements); a growth judged against a throughput
     * measured while it still rose is credited with the warm-up.
     */
    boolean steady(int size) {
        List<long[]> at = new ArrayList<>();
        for (long[] r : recent) {
            if ((int) r[0] == size) {
                at.add(r);
            }
        }
        if (at.size() < 2) {
            return true;
        }
        int half = at.size() / 2;
        double earlier = rate(at.subList(0, half));
        double later = rate(at.subList(at.size() - half, at.size()));
        return later < earlier * (1 + RISING);
    }

    private static double rate(List<long[]> intervals) {
        long events = 0;
        long nanos = 0;
        for (long[] r : intervals) {
            events += r[1];
            nanos += r[2];
        }
        return nanos == 0 ? 0 : events * 1e9 / nanos;
    }

    /** Starts watching a growth from {@code from} to {@code to} with {@code before} as the throughput before. */
    void start(int fromSize, int toSize, double beforePerSecond) {
        from = fromSize;
        to = toSize;
        before = beforePerSecond;
        seen = 0;
        afterEvents = 0;
        afterNanos = 0;
        afterCount = 0;
        active = true;
    }

    /** Whether a growth is being watched. */
    boolean active() {
        return active;
    }

    /** The size before the watched growth. */
    int from() {
        return from;
    }

    /** The size after the watched growth. */
    int to() {
        return to;
    }

    /** The throughput before the watched growth, per second. */
    double before() {
        return before;
    }

    /** The throughput measured after it, per second. */
    double after() {
        return afterNanos == 0 ? 0 : afterEvents * 1e9 / afterNanos;
    }

    /** The rise in throughput that makes the growth worth keeping, as a fraction. */
    double requiredGain() {
        return Math.max(MIN_GAIN, GAIN_PER_DOUBLING * Math.log((double) to / from) / Math.log(2));
    }

    /**
     * Adds an interval at {@code size} and says what became of the watched growth. A size other than the new one
     * (something else resized) ends the watch without a verdict: {@link Verdict#MEASURING} with {@link #active()}
     * false.
     */
    Verdict observe(int size, long returns, long nanos) {
        if (size != to) {
            active = false;
            return Verdict.MEASURING;
        }
        seen++;
        if (seen <= SETTLE) {
            return Verdict.MEASURING;
        }
        afterEvents += returns;
        afterNanos += nanos;
        afterCount++;
        waited(size, returns, nanos);
        if (afterCount >= EARLY && afterCount < AFTER && afterEvents >= MIN_EVENTS
                && after() >= before * (1 + 2 * requiredGain())) {
            active = false;
            return Verdict.GAIN;
        }
        if (afterCount < AFTER || (afterEvents < MIN_EVENTS && afterCount < MAX_AFTER)) {
            return Verdict.MEASURING;
        }
        active = false;
        return after() >= before * (1 + requiredGain()) ? Verdict.GAIN : Verdict.NO_GAIN;
    }
}
