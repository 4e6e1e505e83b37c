package io.dbopt.json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A change to record in a {@link ChangeHistory}: the document's new content, how to diff it, who made it and when.
 *
 * <pre>{@code
 * history.record(Change.text("doc-42", html).by("alice"));
 * history.record(Change.json("order-7", json).at(changedAt));
 * }</pre>
 *
 * @param documentId the document, at most 200 characters
 * @param content its full new content
 * @param format how it is diffed
 * @param author who made the change, empty when unknown; at most 200 characters
 * @param at when the change was made (kept to the microsecond)
 */
public record Change(String documentId, String content, ContentFormat format, String author, Instant at) {

    /** Validates; truncates {@code at} to microseconds, which both servers keep. */
    public Change {
        if (documentId == null || documentId.isEmpty() || documentId.length() > 200) {
            throw new IllegalArgumentException("A document id is 1 to 200 characters, was "
                    + (documentId == null ? "null" : documentId.length() + " characters"));
        }
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(author, "author");
        if (author.length() > 200) {
            throw new IllegalArgumentException("An author is at most 200 characters, was " + author.length());
        }
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    }

    /** A text or HTML change made now. */
    public static Change text(String documentId, String content) {
        return new Change(documentId, content, ContentFormat.TEXT, "", Instant.now());
    }

    /** A JSON change made now. */
    public static Change json(String documentId, String content) {
        return new Change(documentId, content, ContentFormat.JSON, "", Instant.now());
    }

    /** This change, made by {@code author}. */
    public Change by(String who) {
        return new Change(documentId, content, format, who, at);
    }

    /** This change, made at {@code when}. */
    public Change at(Instant when) {
        return new Change(documentId, content, format, author, when);
    }
}
