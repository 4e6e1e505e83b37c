package io.dbopt.json;

import io.dbopt.core.Checks;
import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.json.history.HistoryEngine;
import io.dbopt.json.history.HistoryTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Document change history stored as diffs instead of full copies (the seed's {@code DocumentChange}): a unified
 * line diff for text and HTML (java-diff-utils), a JSON Patch for JSON (RFC 6902), a full snapshot every
 * {@code json.history.snapshot_interval} versions, each diff checked by applying it before it is stored, payloads
 * compressed. Any version can be read back by number or by time; the latest is kept whole for fast reads.
 *
 * <pre>{@code
 * ChangeHistory history = ChangeHistory.create(config, dataSource);
 * DocumentVersion v = history.record(Change.text("doc-42", html).by("alice"));
 * String first = history.content("doc-42", 1).orElseThrow();
 * Optional<String> lastWeek = history.contentAt("doc-42", Instant.now().minus(Duration.ofDays(7)));
 * }</pre>
 *
 * <p>Tables ({@code json.history.table} and the same name with {@code _head}) are created on first use. Writers of
 * one document serialise on its head row, so concurrent writers never lose a version; a deadlock or serialization
 * failure is retried. {@link #record(Connection, Change)} records inside the caller's transaction instead. Thread-safe;
 * it borrows a connection per call and returns it; {@link #close()} frees the zstd contexts of the compressor it
 * created (not one given to it, nor the data source).
 */
public final class ChangeHistory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeHistory.class);
    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String table;
    private final HistoryEngine engine;
    private final DbOptConfig config;
    private final JsonCompressor compressor;
    private final boolean ownsCompressor;
    private volatile boolean created;

    private ChangeHistory(Builder b) {
        this.dataSource = b.dataSource;
        this.config = b.config;
        this.dialect = b.dialect != null ? b.dialect : DatabaseInfo.detect(b.dataSource).dialect();
        this.table = b.table != null ? b.table : b.config.get(JsonKeys.HISTORY_TABLE);
        this.ownsCompressor = b.compressor == null;
        this.compressor = b.compressor != null ? b.compressor
                : JsonCompressor.builder().config(b.config).dialect(dialect).build();
        Duration timeout = b.config.get(JsonKeys.STATEMENT_TIMEOUT);
        HistoryTables tables = new HistoryTables(dialect, table, timeout);
        HistoryEngine.PayloadCodec codec = new HistoryEngine.PayloadCodec() {
            @Override
            public byte[] encode(String text) {
                return compressor.compress(text);
            }

            @Override
            public String decode(byte[] stored, String where) {
                return compressor.decompress(stored, table + ": " + where);
            }
        };
        this.engine = new HistoryEngine(table, tables, codec, b.snapshotInterval != null ? b.snapshotInterval
                : b.config.get(JsonKeys.SNAPSHOT_INTERVAL), b.config.get(JsonKeys.VERIFY_ROUND_TRIP),
                compressor.instruments());
    }

    /** A history configured from {@code json.history.*}, on the data source. */
    public static ChangeHistory create(DbOptConfig config, DataSource dataSource) {
        return builder(dataSource).config(config).build();
    }

    /** Starts a configuration. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The version table's name. */
    public String table() {
        return table;
    }

    /** Creates the version and head tables when they are missing. */
    public void createTables() {
        Jdbc.withConnection(dataSource, "creating the history tables " + table, c -> {
            engine.tables().create(c);
            return null;
        });
        created = true;
    }

    /** Records a text or HTML change made now. */
    public DocumentVersion recordText(String documentId, String content) {
        return record(Change.text(documentId, content));
    }

    /** Records a JSON change made now. */
    public DocumentVersion recordJson(String documentId, String content) {
        return record(Change.json(documentId, content));
    }

    /**
     * Records a change in a transaction of its own (retried on deadlock and serialization failure).
     *
     * @throws DbOptException {@link JsonErrorCode#INVALID_DOCUMENT} for JSON that does not parse,
     *     {@link JsonErrorCode#VALUE_TOO_LARGE} for content over the maximum value size; nothing is written
     */
    public DocumentVersion record(Change change) {
        Objects.requireNonNull(change, "change");
        ensureTables();
        for (int attempt = 1; ; attempt++) {
            try {
                return Jdbc.withConnection(dataSource, "recording a version of " + change.documentId(), c -> {
                    boolean auto = c.getAutoCommit();
                    c.setAutoCommit(false);
                    try {
                        DocumentVersion v = engine.record(c, change);
                        c.commit();
                        return v;
                    } catch (SQLException | RuntimeException e) {
                        rollback(c, e);
                        throw e;
                    } finally {
                        if (auto) {
                            c.setAutoCommit(true);
                        }
                    }
                });
            } catch (DbOptException e) {
                ErrorKind kind = e.errorKind().orElse(ErrorKind.OTHER);
                boolean retry = (kind == ErrorKind.DEADLOCK || kind == ErrorKind.SERIALIZATION_FAILURE)
                        && attempt < ATTEMPTS;
                if (!retry) {
                    throw e;
                }
                LOG.debug("{} - {} recording {}; retrying ({} of {})", table, kind, change.documentId(), attempt,
                        ATTEMPTS);
            }
        }
    }

    /**
     * Records a change in the caller's transaction on {@code connection} (which must not be in auto-commit mode);
     * the caller commits. The document's head row stays locked until then.
     *
     * @throws SQLException as the connection throws it (the caller rolls back)
     */
    public DocumentVersion record(Connection connection, Change change) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(change, "change");
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("record(connection, change) runs in the caller's transaction: turn "
                    + "auto-commit off first, or use record(change)");
        }
        ensureTables();
        return engine.record(connection, change);
    }

    /** The content of a version; empty when the document or version does not exist. */
    public Optional<String> content(String documentId, int version) {
        return read("reading version " + version + " of " + documentId,
                c -> engine.content(c, documentId, version));
    }

    /** The latest content of a document. */
    public Optional<String> latest(String documentId) {
        return read("reading the latest version of " + documentId, c -> engine.tables()
                .readHead(c, documentId, false).filter(h -> h.latestVersion() > 0)
                .map(h -> compressor.decompress(h.latest(), table + ": the latest version of " + documentId)));
    }

    /** The version current at an instant: the last one recorded at or before it. */
    public Optional<DocumentVersion> versionAt(String documentId, Instant at) {
        return read("finding the version of " + documentId + " at " + at, c -> {
            Optional<Integer> v = engine.tables().versionAt(c, documentId, at);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            return engine.tables().versions(c, documentId).stream().filter(x -> x.version() == v.get()).findFirst();
        });
    }

    /** The content current at an instant; empty before the first version. */
    public Optional<String> contentAt(String documentId, Instant at) {
        return read("reading " + documentId + " at " + at, c -> {
            Optional<Integer> v = engine.tables().versionAt(c, documentId, at);
            return v.isEmpty() ? Optional.empty() : engine.content(c, documentId, v.get());
        });
    }

    /** Every version of a document, oldest first. */
    public List<DocumentVersion> versions(String documentId) {
        return read("listing the versions of " + documentId, c -> Optional.of(engine.tables()
                .versions(c, documentId))).orElse(List.of());
    }

    /** What the history stores against what full copies would take. */
    public HistoryStats stats() {
        return read("measuring " + table, c -> Optional.of(engine.tables().stats(c)))
                .orElse(new HistoryStats(0, 0, 0, 0, 0, 0));
    }

    /**
     * The chunked, resumable conversion of an existing table of full copies into this history (see
     * {@link HistoryConversion}).
     */
    public HistoryConversion conversion(FullCopyTable source) {
        return new HistoryConversion(this, source, dataSource, dialect, config);
    }

    HistoryEngine engine() {
        return engine;
    }

    JsonCompressor compressor() {
        return compressor;
    }

    void ensureTables() {
        if (!created) {
            createTables();
        }
    }

    private interface Read<T> {
        Optional<T> apply(Connection c) throws SQLException;
    }

    private <T> Optional<T> read(String what, Read<T> work) {
        try {
            return Jdbc.withConnection(dataSource, what, work::apply);
        } catch (DbOptException e) {
            if (e.errorCode() == CoreErrorCode.SQL_FAILED && e.errorKind().orElse(null) == ErrorKind.UNDEFINED_OBJECT) {
                return Optional.empty(); // no table yet: nothing was recorded
            }
            throw e;
        }
    }

    /** Frees the payload compressor when this history created it; the data source stays open. */
    @Override
    public void close() {
        if (ownsCompressor) {
            compressor.close();
        }
    }

    private static void rollback(Connection c, Exception primary) {
        try {
            c.rollback();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }

    /** Configures a {@link ChangeHistory}; unset values come from {@link JsonKeys}. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private DbOptConfig config = DbOptConfig.empty();
        private Dialect dialect;
        private String table;
        private Integer snapshotInterval;
        private JsonCompressor compressor;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Reads {@code json.history.*} and {@code json.compression.*}. */
        public Builder config(DbOptConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** The server's dialect, when known. */
        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /** The version table ({@code json.history.table}); the head table is this name plus {@code _head}. */
        public Builder table(String value) {
            this.table = Checks.notBlank("table", value);
            return this;
        }

        /** A full snapshot every this many versions ({@code json.history.snapshot_interval}). */
        public Builder snapshotInterval(int value) {
            this.snapshotInterval = Checks.positive("snapshotInterval", value);
            return this;
        }

        /** The compressor for payloads (the caller keeps owning it); default one from the configuration. */
        public Builder compressor(JsonCompressor value) {
            this.compressor = Objects.requireNonNull(value, "compressor");
            return this;
        }

        /** Builds the history; detects the server when no dialect was given. */
        public ChangeHistory build() {
            return new ChangeHistory(this);
        }
    }
}
