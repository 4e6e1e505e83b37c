package io.dbopt.json.chunk;

/**
 * What one chunk did.
 *
 * @param rows rows (or documents) done
 * @param bytesBefore bytes they took before
 * @param bytesAfter bytes they take now
 */
public record ChunkOutcome(long rows, long bytesBefore, long bytesAfter) {
}
