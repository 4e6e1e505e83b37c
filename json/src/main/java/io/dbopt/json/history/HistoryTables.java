package io.dbopt.json.history;

import io.dbopt.core.Dialect;
import io.dbopt.json.ContentFormat;
import io.dbopt.json.DocumentVersion;
import io.dbopt.json.HistoryStats;
import io.dbopt.json.storage.OwnTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQL of a change history: the version table ({@code document_id, version, kind, format, payload,
 * content_bytes, author, created_at}, primary key {@code (document_id, version)}) and its head table (one row per
 * document: latest version, last snapshot, the latest content). Writers serialise per document on the head row
 * ({@code SELECT ... FOR UPDATE}), which is what keeps concurrent writers from losing a version. Every statement
 * runs under the time limit. Thread-safe.
 */
public final class HistoryTables {

    /** The head row of a document. */
    public record Head(int latestVersion, int snapshotVersion, ContentFormat format, byte[] latest) {
    }

    /** A stored version row. */
    public record Stored(int version, boolean snapshot, ContentFormat format, byte[] payload) {
    }

    private final OwnTables tables;
    private final String table;
    private final String head;
    private final int timeoutSeconds;

    /** The tables {@code table} and {@code table_head}. */
    public HistoryTables(Dialect dialect, String table, Duration timeout) {
        this.tables = new OwnTables(Objects.requireNonNull(dialect, "dialect"));
        dialect.validateIdentifier(table);
        dialect.validateIdentifier(table + "_head");
        this.table = dialect.quote(table);
        this.head = dialect.quote(table + "_head");
        this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** Creates both tables when missing (autocommit connection). */
    public void create(Connection c) throws SQLException {
        tables.create(c, "CREATE TABLE IF NOT EXISTS " + table + " (document_id varchar(200) NOT NULL, "
                        + "version integer NOT NULL, kind char(1) NOT NULL, format varchar(8) NOT NULL, payload "
                        + tables.binaryType() + " NOT NULL, content_bytes bigint NOT NULL, author varchar(200), "
                        + "created_at " + tables.timestampType() + " NOT NULL, PRIMARY KEY (document_id, version))",
                "CREATE TABLE IF NOT EXISTS " + head + " (document_id varchar(200) PRIMARY KEY, "
                        + "latest_version integer NOT NULL, snapshot_version integer NOT NULL, format varchar(8) "
                        + "NOT NULL, latest " + tables.binaryType() + " NOT NULL, updated_at "
                        + tables.timestampType() + " NOT NULL)");
    }

    /** Creates the document's head row when missing, then locks and reads it (in the caller's transaction). */
    public Head lockHead(Connection c, String documentId, ContentFormat format) throws SQLException {
        String insert = "INSERT INTO " + head + " (document_id, latest_version, snapshot_version, format, latest, "
                + "updated_at) VALUES (?, 0, 0, ?, ?, ?)" + (tables.postgres()
                ? " ON CONFLICT (document_id) DO NOTHING" : " ON DUPLICATE KEY UPDATE document_id = document_id");
        try (PreparedStatement ps = prepare(c, insert)) {
            ps.setString(1, documentId);
            ps.setString(2, format.name());
            ps.setBytes(3, new byte[0]);
            tables.bind(ps, 4, Instant.now());
            ps.executeUpdate();
        }
        return readHead(c, documentId, true).orElseThrow(() -> new SQLException("head row of " + documentId
                + " vanished"));
    }

    /** The document's head row, locked or not. */
    public Optional<Head> readHead(Connection c, String documentId, boolean lock) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT latest_version, snapshot_version, format, latest FROM " + head
                + " WHERE document_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Head(rs.getInt(1), rs.getInt(2),
                        ContentFormat.valueOf(rs.getString(3)), rs.getBytes(4))) : Optional.empty();
            }
        }
    }

    /** Inserts a version row and moves the head to it (in the caller's transaction). */
    public void append(Connection c, DocumentVersion v, byte[] payload, int snapshotVersion, byte[] latest)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, "INSERT INTO " + table + " (document_id, version, kind, format, "
                + "payload, content_bytes, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, v.documentId());
            ps.setInt(2, v.version());
            ps.setString(3, v.snapshot() ? "S" : "D");
            ps.setString(4, v.format().name());
            ps.setBytes(5, payload);
            ps.setLong(6, v.contentBytes());
            ps.setString(7, v.author().isEmpty() ? null : v.author());
            tables.bind(ps, 8, v.createdAt());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = prepare(c, "UPDATE " + head + " SET latest_version = ?, snapshot_version = ?, "
                + "format = ?, latest = ?, updated_at = ? WHERE document_id = ?")) {
            ps.setInt(1, v.version());
            ps.setInt(2, snapshotVersion);
            ps.setString(3, v.format().name());
            ps.setBytes(4, latest);
            tables.bind(ps, 5, v.createdAt());
            ps.setString(6, v.documentId());
            ps.executeUpdate();
        }
    }

    /** The versions from the last snapshot at or before {@code version} up to it, in order. */
    public List<Stored> chain(Connection c, String documentId, int version) throws SQLException {
        int from;
        try (PreparedStatement ps = prepare(c, "SELECT max(version) FROM " + table
                + " WHERE document_id = ? AND version <= ? AND kind = 'S'")) {
            ps.setString(1, documentId);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                from = rs.getInt(1);
                if (rs.wasNull()) {
                    return List.of();
                }
            }
        }
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT version, kind, format, payload FROM " + table
                + " WHERE document_id = ? AND version >= ? AND version <= ? ORDER BY version")) {
            ps.setString(1, documentId);
            ps.setInt(2, from);
            ps.setInt(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(rs.getInt(1), "S".equals(rs.getString(2)),
                            ContentFormat.valueOf(rs.getString(3)), rs.getBytes(4)));
                }
            }
        }
        return out;
    }

    /** The last version recorded at or before an instant. */
    public Optional<Integer> versionAt(Connection c, String documentId, Instant at) throws SQLException {
        try (PreparedStatement ps = prepare(c, "SELECT max(version) FROM " + table
                + " WHERE document_id = ? AND created_at <= ?")) {
            ps.setString(1, documentId);
            tables.bind(ps, 2, at);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int v = rs.getInt(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(v);
            }
        }
    }

    /** Every version of a document, oldest first. */
    public List<DocumentVersion> versions(Connection c, String documentId) throws SQLException {
        List<DocumentVersion> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT version, kind, format, " + length("payload")
                + ", content_bytes, author, created_at FROM " + table + " WHERE document_id = ? ORDER BY version")) {
            ps.setString(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String author = rs.getString(6);
                    out.add(new DocumentVersion(documentId, rs.getInt(1), "S".equals(rs.getString(2)),
                            ContentFormat.valueOf(rs.getString(3)), rs.getLong(4), rs.getLong(5),
                            author == null ? "" : author, tables.instant(rs, "created_at")));
                }
            }
        }
        return out;
    }

    /** Sizes of the whole history. */
    public HistoryStats stats(Connection c) throws SQLException {
        long[] v = new long[4];
        try (PreparedStatement ps = prepare(c, "SELECT count(*), sum(CASE WHEN kind = 'S' THEN 1 ELSE 0 END), "
                + "sum(" + length("payload") + "), sum(content_bytes) FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            for (int i = 0; i < 4; i++) {
                v[i] = rs.getLong(i + 1);
            }
        }
        try (PreparedStatement ps = prepare(c, "SELECT count(*), sum(" + length("latest") + ") FROM " + head);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new HistoryStats(rs.getLong(1), v[0], v[1], v[2], rs.getLong(2), v[3]);
        }
    }

    private String length(String column) {
        return (tables.postgres() ? "octet_length(" : "LENGTH(") + column + ")";
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(timeoutSeconds);
        return ps;
    }
}
