package io.dbopt.core.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of durations in nanoseconds with log-linear buckets (eight per power of two, so a percentile
 * is off by at most 12.5 %), cheap enough for every borrow and every statement: recording is one atomic increment and
 * allocates nothing; memory is fixed. {@link #snapshot()} takes a cumulative copy; the difference of two copies
 * ({@link Snapshot#minus(Snapshot)}) gives the percentiles of the interval between them. Thread-safe.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    /** The number of buckets: every long value has one. */
    static final int BUCKETS = (64 - SUB_BITS) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one duration; negative values count as zero. */
    public void record(long nanos) {
        counts.getAndIncrement(index(Math.max(0, nanos)));
    }

    /** Records one duration. */
    public void record(Duration duration) {
        record(duration.toNanos());
    }

    /** How many durations were recorded, without copying the buckets (a sum over them, not one atomic read). */
    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * One cumulative copy of several histograms' counts together, without a copy of each: the distribution of every
     * duration any of them recorded (a profiler's statements over all its fingerprints).
     */
    public static Snapshot sum(Iterable<LatencyHistogram> histograms) {
        long[] c = new long[BUCKETS];
        for (LatencyHistogram h : histograms) {
            for (int i = 0; i < BUCKETS; i++) {
                c[i] += h.counts.get(i);
            }
        }
        return new Snapshot(c);
    }

    /** A cumulative copy of the counts. */
    public Snapshot snapshot() {
        long[] c = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            c[i] = counts.get(i);
        }
        return new Snapshot(c);
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        return (msb - SUB_BITS + 1) * SUB + (int) ((v >>> (msb - SUB_BITS)) & (SUB - 1));
    }

    /** The largest value that falls into the bucket. */
    static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int msb = index / SUB - 1 + SUB_BITS;
        long mantissa = SUB + (index % SUB);
        long lower = mantissa << (msb - SUB_BITS);
        return lower + (1L << (msb - SUB_BITS)) - 1;
    }

    /** Receives the non-empty buckets of a {@link Snapshot}. */
    @FunctionalInterface
    public interface BucketVisitor {
        /** A bucket whose durations are at most {@code upperBoundNanos}, holding {@code count} of them. */
        void bucket(long upperBoundNanos, long count);
    }

    /** A copy of the bucket counts. Immutable. */
    public static final class Snapshot {
        /** No durations recorded. */
        public static final Snapshot EMPTY = new Snapshot(new long[BUCKETS]);

        private final long[] buckets;
        private final long total;

        private Snapshot(long[] buckets) {
            this.buckets = buckets;
            long t = 0;
            for (long b : buckets) {
                t += b;
            }
            this.total = t;
        }

        /** The number of durations recorded. */
        public long count() {
            return total;
        }

        /** The durations recorded after {@code earlier} was taken. */
        public Snapshot minus(Snapshot earlier) {
            long[] d = new long[BUCKETS];
            for (int i = 0; i < BUCKETS; i++) {
                d[i] = Math.max(0, buckets[i] - earlier.buckets[i]);
            }
            return new Snapshot(d);
        }

        /**
         * Visits every non-empty bucket, from the shortest durations up: its upper bound in nanoseconds (the value the
         * quantiles report, at most 12.5 % above any duration in it) and how many durations it holds. For replaying
         * the counts into another recorder off the hot path.
         */
        public void forEachBucket(BucketVisitor visitor) {
            for (int i = 0; i < BUCKETS; i++) {
                if (buckets[i] > 0) {
                    visitor.bucket(upperBound(i), buckets[i]);
                }
            }
        }

        /** The value at quantile {@code q} (0 to 1) in nanoseconds, at most 12.5 % high; 0 when empty. */
        public long quantileNanos(double q) {
            if (q < 0 || q > 1 || Double.isNaN(q)) {
                throw new IllegalArgumentException("quantile must be from 0 to 1, was " + q);
            }
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += buckets[i];
                if (seen >= rank) {
                    return upperBound(i);
                }
            }
            return upperBound(BUCKETS - 1);
        }

        /** The value at quantile {@code q} (0 to 1). */
        public Duration quantile(double q) {
            return Duration.ofNanos(quantileNanos(q));
        }

        /** Count, median, 95th and 99th percentile and maximum. */
        public Percentiles percentiles() {
            if (total == 0) {
                return Percentiles.NONE;
            }
            return new Percentiles(total, quantile(0.50), quantile(0.95), quantile(0.99), max());
        }

        /** The largest duration recorded (its bucket's upper bound), 0 when empty. */
        public Duration max() {
            for (int i = BUCKETS - 1; i >= 0; i--) {
                if (buckets[i] > 0) {
                    return Duration.ofNanos(upperBound(i));
                }
            }
            return Duration.ZERO;
        }
    }
}
