package io.dbopt.query;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size log-linear histogram of durations in nanoseconds: eight sub-buckets per power of two from 1 µs to
 * about 137 s (at most 12.5 % relative error), one bucket below and one above. Recording is one atomic increment
 * and allocates nothing; memory is fixed (218 counters). Thread-safe.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 3;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int MIN_SHIFT = 10;
    private static final int OCTAVES = 27;
    static final int BUCKETS = 1 + OCTAVES * SUB_BUCKETS + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts.getAndIncrement(index(v));
        long m = max.get();
        while (v > m && !max.compareAndSet(m, v)) {
            m = max.get();
        }
    }

    static int index(long nanos) {
        if (nanos < (1L << MIN_SHIFT)) {
            return 0;
        }
        int msb = 63 - Long.numberOfLeadingZeros(nanos);
        int octave = msb - MIN_SHIFT;
        if (octave >= OCTAVES) {
            return BUCKETS - 1;
        }
        int sub = (int) (nanos >>> (msb - SUB_BITS)) & (SUB_BUCKETS - 1);
        return 1 + octave * SUB_BUCKETS + sub;
    }

    /** The middle of a bucket, in nanoseconds. */
    static long midpoint(int index) {
        if (index == 0) {
            return 1L << (MIN_SHIFT - 1);
        }
        if (index == BUCKETS - 1) {
            return 1L << (MIN_SHIFT + OCTAVES);
        }
        int octave = (index - 1) / SUB_BUCKETS;
        int sub = (index - 1) % SUB_BUCKETS;
        long unit = 1L << (octave + MIN_SHIFT - SUB_BITS);
        return (SUB_BUCKETS + sub) * unit + unit / 2;
    }

    /** The number of recorded durations, without copying the buckets. */
    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
            total += copy[i];
        }
        return new Snapshot(copy, total, max.get());
    }

    /** A point-in-time copy. */
    static final class Snapshot {
        private final long[] counts;
        private final long total;
        private final long max;

        Snapshot(long[] counts, long total, long max) {
            this.counts = counts;
            this.total = total;
            this.max = max;
        }

        long count() {
            return total;
        }

        long max() {
            return max;
        }

        /** The value at quantile {@code q} (0..1), in nanoseconds, never above the maximum seen. */
        long percentile(double q) {
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(midpoint(i), max);
                }
            }
            return max;
        }
    }
}
