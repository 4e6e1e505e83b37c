package io.dbopt.json.history;

import io.dbopt.core.DbOptException;
import io.dbopt.core.Dialect;
import io.dbopt.json.Change;
import io.dbopt.json.DocumentVersion;
import io.dbopt.json.FullCopyTable;
import io.dbopt.json.JsonErrorCode;
import io.dbopt.json.storage.JdbcTypes;
import io.dbopt.json.chunk.ChunkOutcome;
import io.dbopt.json.chunk.ChunkWork;
import io.dbopt.json.chunk.KeyColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The chunk work of converting a table of full copies into a diff history: documents in id order; each document's
 * copies, oldest first, recorded as versions in the chunk's transaction. A document that already has versions in
 * the target history stops the job (its converted versions would land after newer ones). The source table is only
 * read. Not thread-safe; one per job run.
 */
public final class ConvertHistoryWork implements ChunkWork<String> {

    private final Dialect dialect;
    private final FullCopyTable source;
    private final KeyColumn document;
    private final HistoryEngine engine;
    private final Function<Object, String> decode;
    private final String quotedTable;

    /**
     * Work over a source table.
     *
     * @param decode the text of a stored content value ({@code byte[]} or {@code String}, plain or compressed)
     */
    public ConvertHistoryWork(Dialect dialect, FullCopyTable source, KeyColumn document, HistoryEngine engine,
                              Function<Object, String> decode) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.source = Objects.requireNonNull(source, "source");
        this.document = Objects.requireNonNull(document, "document");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.decode = Objects.requireNonNull(decode, "decode");
        this.quotedTable = source.documentRef().quotedTable(dialect);
    }

    @Override
    public List<String> next(Connection c, Optional<String> after, int limit) throws SQLException {
        String d = dialect.quote(source.documentColumn());
        String sql = "SELECT DISTINCT " + d + " FROM " + quotedTable + " WHERE " + d + " IS NOT NULL"
                + (after.isPresent() ? " AND " + d + " > ?" : "") + " ORDER BY " + d + " LIMIT ?";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (after.isPresent()) {
                document.bind(ps, i++, after.get());
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Override
    public String keyOf(String item) {
        return item;
    }

    @Override
    public ChunkOutcome process(Connection c, List<String> documents) throws SQLException {
        long rows = 0;
        long before = 0;
        long after = 0;
        String sql = "SELECT " + dialect.quote(source.contentColumn()) + ", " + dialect.quote(source.changedAtColumn())
                + (source.authorColumn().isEmpty() ? "" : ", " + dialect.quote(source.authorColumn())) + " FROM "
                + quotedTable + " WHERE " + dialect.quote(source.documentColumn()) + " = ? ORDER BY "
                + dialect.quote(source.changedAtColumn());
        for (String id : documents) {
            Optional<HistoryTables.Head> existing = engine.tables().readHead(c, id, true);
            if (existing.isPresent() && existing.get().latestVersion() > 0) {
                throw new DbOptException(JsonErrorCode.JOB_FAILED, "Document " + id + " already has "
                        + existing.get().latestVersion() + " versions in the diff history; its converted copies "
                        + "would land after them: convert before recording new versions, or remove its versions "
                        + "from the history tables and run again");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                document.bind(ps, 1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean binary = JdbcTypes.isBinary(rs.getMetaData().getColumnType(1));
                    while (rs.next()) {
                        Object stored = binary ? rs.getBytes(1) : rs.getString(1);
                        if (stored == null) {
                            continue;
                        }
                        String content = decode.apply(stored);
                        Timestamp at = rs.getTimestamp(2);
                        String author = source.authorColumn().isEmpty() ? null : rs.getString(3);
                        DocumentVersion v = engine.record(c, new Change(id, content, source.format(),
                                author == null ? "" : author, at == null ? java.time.Instant.EPOCH : at.toInstant()));
                        rows++;
                        before += stored instanceof byte[] b ? b.length
                                : content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                        after += v.storedBytes();
                    }
                }
            }
        }
        return new ChunkOutcome(rows, before, after);
    }
}
