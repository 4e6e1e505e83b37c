package io.dbopt.json;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded version of a document in a {@link ChangeHistory}.
 *
 * @param documentId the document
 * @param version its number, from 1
 * @param snapshot whether the version is stored as a full copy (else as a diff from the previous one)
 * @param format how the document is diffed
 * @param storedBytes the bytes the version takes in the history table (diff or copy, after compression)
 * @param contentBytes the document's size at this version (UTF-8): what a full copy would take uncompressed
 * @param author who made the change; empty when not given
 * @param createdAt when the change was made
 */
public record DocumentVersion(String documentId, int version, boolean snapshot, ContentFormat format,
                              long storedBytes, long contentBytes, String author, Instant createdAt) {

    /** Validates. */
    public DocumentVersion {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < 1) {
            throw new IllegalArgumentException("Versions start at 1, was " + version);
        }
    }
}
