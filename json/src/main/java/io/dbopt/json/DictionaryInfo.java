package io.dbopt.json;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a trained zstd dictionary, as kept in the dictionary table. Values compressed with it carry its
 * {@link #id()} in their header, so every version stays readable after a newer one is trained.
 *
 * @param id the row id, written into frame headers; positive
 * @param scope what it was trained for, e.g. {@code documents.content}
 * @param sizeBytes the dictionary's size
 * @param samples how many values it was trained on
 * @param createdAt when it was trained
 */
public record DictionaryInfo(int id, String scope, int sizeBytes, int samples, Instant createdAt) {

    /** Validates. */
    public DictionaryInfo {
        if (id <= 0) {
            throw new IllegalArgumentException("A dictionary id is positive, was " + id);
        }
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
