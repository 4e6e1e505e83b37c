package io.dbopt.pool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of durations in nanoseconds with log-linear buckets (eight per power of two, so a
 * percentile is off by at most 12.5 %), cheap enough for every borrow. {@link #copy()} takes a cumulative copy;
 * the difference of two copies gives the percentiles of the interval between them, which is how the adaptive sizer
 * reads "the last second". Thread-safe.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    static final int BUCKETS = (64 - SUB_BITS) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        counts.getAndIncrement(index(Math.max(0, nanos)));
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

    Counts copy() {
        long[] c = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            c[i] = counts.get(i);
        }
        return new Counts(c);
    }

    /** A copy of the bucket counts; immutable. */
    static final class Counts {
        static final Counts EMPTY = new Counts(new long[BUCKETS]);

        private final long[] buckets;
        private final long total;

        Counts(long[] buckets) {
            this.buckets = buckets;
            long t = 0;
            for (long b : buckets) {
                t += b;
            }
            this.total = t;
        }

        long total() {
            return total;
        }

        /** The counts recorded after {@code earlier} was taken. */
        Counts minus(Counts earlier) {
            long[] d = new long[BUCKETS];
            for (int i = 0; i < BUCKETS; i++) {
                d[i] = Math.max(0, buckets[i] - earlier.buckets[i]);
            }
            return new Counts(d);
        }

        /** The value at quantile {@code q} (0..1) in nanoseconds, 0 when empty. */
        long quantile(double q) {
            if (total == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += buckets[i];
                if (seen >= Math.max(1, rank)) {
                    return upperBound(i);
                }
            }
            return upperBound(BUCKETS - 1);
        }

        long max() {
            for (int i = BUCKETS - 1; i >= 0; i--) {
                if (buckets[i] > 0) {
                    return upperBound(i);
                }
            }
            return 0;
        }

        PoolSnapshot.Percentiles percentiles() {
            return new PoolSnapshot.Percentiles(total, Duration.ofNanos(quantile(0.50)),
                    Duration.ofNanos(quantile(0.95)), Duration.ofNanos(quantile(0.99)), Duration.ofNanos(max()));
        }
    }
}
