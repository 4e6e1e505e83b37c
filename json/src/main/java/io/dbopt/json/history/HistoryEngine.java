package io.dbopt.json.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbopt.json.Change;
import io.dbopt.json.ContentFormat;
import io.dbopt.json.DocumentVersion;
import io.dbopt.json.metrics.JsonInstruments;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records and reconstructs document versions on a connection the caller owns: a version is a diff from the previous
 * one (unified line diff for text, JSON Patch for JSON), or a full snapshot for the first version, every
 * {@code snapshotInterval} versions, after a change of format, when the diff would not be smaller, and when a diff
 * fails its round-trip check. Payloads go through the codec (compressed above its threshold). Thread-safe (holds no
 * connection).
 */
public final class HistoryEngine {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryEngine.class);

    /** How payloads are stored. */
    public interface PayloadCodec {
        /** The stored form of a text. */
        byte[] encode(String text);

        /** The text of a stored form. */
        String decode(byte[] stored, String where);
    }

    private final HistoryTables tables;
    private final PayloadCodec codec;
    private final int snapshotInterval;
    private final boolean verify;
    private final JsonInstruments instruments;
    private final String name;

    /**
     * An engine.
     *
     * @param name the history table's name, for logs
     */
    public HistoryEngine(String name, HistoryTables tables, PayloadCodec codec, int snapshotInterval, boolean verify,
                         JsonInstruments instruments) {
        this.name = Objects.requireNonNull(name, "name");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (snapshotInterval < 1) {
            throw new IllegalArgumentException("snapshotInterval must be >= 1, was " + snapshotInterval);
        }
        this.snapshotInterval = snapshotInterval;
        this.verify = verify;
        this.instruments = Objects.requireNonNull(instruments, "instruments");
    }

    /** The tables. */
    public HistoryTables tables() {
        return tables;
    }

    /**
     * Records a change in the caller's transaction, after locking the document's head row (so concurrent writers of
     * one document take turns and every one gets its own version).
     *
     * @throws io.dbopt.core.DbOptException {@code JSON_INVALID_DOCUMENT} for JSON that does not parse (nothing is
     *     written), or a codec error for a damaged head row
     */
    public DocumentVersion record(Connection c, Change change) throws SQLException {
        String id = change.documentId();
        JsonNode node = change.format() == ContentFormat.JSON ? JsonDiffs.parse(change.content(), id) : null;
        String content = node != null ? JsonDiffs.write(node) : change.content();
        HistoryTables.Head head = tables.lockHead(c, id, change.format());
        int version = head.latestVersion() + 1;
        byte[] latest = codec.encode(content);
        byte[] payload = latest;
        boolean snapshot = head.latestVersion() == 0 || head.format() != change.format()
                || version - head.snapshotVersion() >= snapshotInterval;
        if (!snapshot) {
            String previous = codec.decode(head.latest(), "the latest version of " + id);
            Optional<String> diff = diff(id, previous, content, node, change.format());
            byte[] encoded = diff.map(codec::encode).orElse(null);
            if (encoded != null && encoded.length < latest.length) {
                payload = encoded;
            } else {
                snapshot = true;
            }
        }
        DocumentVersion v = new DocumentVersion(id, version, snapshot, change.format(), payload.length,
                content.getBytes(StandardCharsets.UTF_8).length, change.author(), change.at());
        tables.append(c, v, payload, snapshot ? version : head.snapshotVersion(), latest);
        instruments.versionRecorded(snapshot, payload.length);
        return v;
    }

    /** The diff, or empty when it does not reproduce the new content (then a snapshot is stored). */
    private Optional<String> diff(String id, String previous, String content, JsonNode node, ContentFormat format) {
        String diff;
        boolean ok;
        if (format == ContentFormat.TEXT) {
            diff = TextDiffs.diff(previous, content);
            ok = !verify || content.equals(safely(() -> TextDiffs.apply(previous, diff)));
        } else {
            JsonNode before = JsonDiffs.parse(previous, id);
            diff = JsonDiffs.diff(before, node);
            ok = !verify || node.equals(safely(() -> JsonDiffs.apply(before, diff)));
        }
        if (!ok) {
            instruments.roundTripFailed();
            LOG.warn("{} - the diff of document {} did not reproduce the new version; stored a full snapshot instead",
                    name, id);
            return Optional.empty();
        }
        return Optional.of(diff);
    }

    private static <T> T safely(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The content of a version; empty when the document or version does not exist. */
    public Optional<String> content(Connection c, String documentId, int version) throws SQLException {
        Optional<HistoryTables.Head> head = tables.readHead(c, documentId, false);
        if (head.isEmpty() || version < 1 || version > head.get().latestVersion()) {
            return Optional.empty();
        }
        if (version == head.get().latestVersion()) {
            return Optional.of(codec.decode(head.get().latest(), "the latest version of " + documentId));
        }
        List<HistoryTables.Stored> chain = tables.chain(c, documentId, version);
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(fold(documentId, chain));
        } catch (IllegalArgumentException e) {
            throw new io.dbopt.core.DbOptException(io.dbopt.json.JsonErrorCode.CORRUPT_VALUE, "Version " + version
                    + " of document " + documentId + " cannot be rebuilt: a stored diff does not apply ("
                    + e.getMessage() + "); the versions from the next snapshot on are unaffected", e);
        }
    }

    private String fold(String id, List<HistoryTables.Stored> chain) {
        HistoryTables.Stored first = chain.get(0);
        String text = codec.decode(first.payload(), "version " + first.version() + " of " + id);
        if (first.format() == ContentFormat.JSON) {
            JsonNode node = JsonDiffs.parse(text, id);
            for (HistoryTables.Stored s : chain.subList(1, chain.size())) {
                node = JsonDiffs.apply(node, codec.decode(s.payload(), "version " + s.version() + " of " + id));
            }
            return JsonDiffs.write(node);
        }
        List<String> diffs = new java.util.ArrayList<>();
        for (HistoryTables.Stored s : chain.subList(1, chain.size())) {
            diffs.add(codec.decode(s.payload(), "version " + s.version() + " of " + id));
        }
        return TextDiffs.applyAll(text, diffs);
    }
}
