package io.dbopt.health.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-capacity ring of samples: adding to a full ring overwrites the oldest. Memory is allocated once. Thread-
 * safe (one writer, any readers; every method holds the ring's lock for a copy at most).
 */
final class RingBuffer {

    private final long[] times;
    private final double[] values;
    private int next;
    private int size;

    RingBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.times = new long[capacity];
        this.values = new double[capacity];
    }

    synchronized void add(Instant at, double value) {
        times[next] = at.toEpochMilli();
        values[next] = value;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    synchronized List<Point> points() {
        List<Point> out = new ArrayList<>(size);
        int start = (next - size + times.length) % times.length;
        for (int i = 0; i < size; i++) {
            int j = (start + i) % times.length;
            out.add(new Point(Instant.ofEpochMilli(times[j]), values[j]));
        }
        return out;
    }

    synchronized double latest() {
        return size == 0 ? Double.NaN : values[(next - 1 + times.length) % times.length];
    }

    int capacity() {
        return times.length;
    }
}
