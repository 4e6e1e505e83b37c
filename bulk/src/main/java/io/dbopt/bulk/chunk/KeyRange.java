package io.dbopt.bulk.chunk;

/**
 * A chunk's keys: {@code lo <= key < hi}. Immutable.
 *
 * @param chunkNo the chunk's number in its job, from 1
 * @param lo the first key, inclusive
 * @param hi the end, exclusive
 */
public record KeyRange(long chunkNo, long lo, long hi) {

    /** Validates. */
    public KeyRange {
        if (hi < lo) {
            throw new IllegalArgumentException("A key range ends before it starts: " + lo + ".." + hi);
        }
    }
}
