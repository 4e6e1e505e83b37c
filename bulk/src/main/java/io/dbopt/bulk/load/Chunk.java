package io.dbopt.bulk.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one chunk as read from the source: their values, their input row numbers and, for COPY and LOAD DATA,
 * their encoded bytes with each row's offset, so that any run of rows can be sent again when the chunk is split
 * to find a bad row. Bounded by the chunk's row and byte limits. Not thread-safe.
 */
final class Chunk {

    final long firstInputRow;
    long lastInputRow;
    /** Each row's values, kept only when needed (batched INSERTs bind them, bad-row reports may show them). */
    final List<Object[]> values = new ArrayList<>();
    private final boolean keepValues;
    private int size;
    long[] rowNumbers = new long[64];
    int[] offsets = new int[65];
    final ByteBuf bytes;
    boolean sourceEnded;

    Chunk(long firstInputRow, int initialBytes, boolean keepValues) {
        this.firstInputRow = firstInputRow;
        this.keepValues = keepValues;
        this.lastInputRow = firstInputRow - 1;
        this.bytes = new ByteBuf(initialBytes);
    }

    int size() {
        return size;
    }

    /** Row {@code i}'s values, when kept. */
    java.util.Optional<Object[]> valuesOf(int i) {
        return keepValues ? java.util.Optional.of(values.get(i)) : java.util.Optional.empty();
    }

    /** Adds a row whose bytes were appended to {@link #bytes} since the previous row. */
    void add(long inputRow, Object[] rowValues) {
        int i = size++;
        if (i >= rowNumbers.length) {
            rowNumbers = Arrays.copyOf(rowNumbers, rowNumbers.length * 2);
            offsets = Arrays.copyOf(offsets, rowNumbers.length + 1);
        }
        if (keepValues) {
            values.add(rowValues);
        }
        rowNumbers[i] = inputRow;
        offsets[i + 1] = bytes.length();
    }

    /** The input rows consumed once rows {@code [0, to)} are done (rejected rows before row {@code to} included). */
    long consumedThrough(int to) {
        return to < size ? rowNumbers[to] - 1 : lastInputRow;
    }
}
