package io.dbopt.json.codec;

import io.dbopt.core.Dialect;
import io.dbopt.json.ColumnEncoding;
import io.dbopt.json.ColumnRef;
import io.dbopt.json.chunk.ChunkOutcome;
import io.dbopt.json.chunk.ChunkWork;
import io.dbopt.json.chunk.KeyColumn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The chunk work of compressing a column in place: rows in key order, locked; each plain value written back in
 * compressed form (values under the threshold, values that do not shrink and values already compressed are left
 * alone). Not thread-safe; one per job run.
 */
public final class CompressColumnWork implements ChunkWork<CompressColumnWork.Row> {

    /** One row: its key and its stored value ({@code byte[]} or {@code String}). */
    public record Row(String key, Object stored) {
    }

    private final Dialect dialect;
    private final ColumnRef column;
    private final KeyColumn key;
    private final ColumnEncoding encoding;
    private final Function<String, Object> encoder;

    /**
     * Work for one column.
     *
     * @param encoder the stored form of a plain value: {@code byte[]} for binary columns, {@code String} for text
     */
    public CompressColumnWork(Dialect dialect, ColumnRef column, KeyColumn key, ColumnEncoding encoding,
                              Function<String, Object> encoder) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.column = Objects.requireNonNull(column, "column");
        this.key = Objects.requireNonNull(key, "key");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    @Override
    public List<Row> next(Connection c, Optional<String> after, int limit) throws SQLException {
        String k = dialect.quote(key.name());
        String sql = "SELECT " + k + ", " + column.quotedColumn(dialect) + " FROM " + column.quotedTable(dialect)
                + (after.isPresent() ? " WHERE " + k + " > ?" : "") + " ORDER BY " + k + " LIMIT ? FOR UPDATE";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (after.isPresent()) {
                key.bind(ps, i++, after.get());
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), encoding == ColumnEncoding.BINARY ? rs.getBytes(2)
                            : rs.getString(2)));
                }
            }
        }
        return rows;
    }

    @Override
    public String keyOf(Row row) {
        return row.key();
    }

    @Override
    public ChunkOutcome process(Connection c, List<Row> rows) throws SQLException {
        long before = 0;
        long after = 0;
        String sql = "UPDATE " + column.quotedTable(dialect) + " SET " + column.quotedColumn(dialect) + " = ? WHERE "
                + dialect.quote(key.name()) + " = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int batched = 0;
            for (Row row : rows) {
                long size = size(row.stored());
                before += size;
                if (row.stored() == null || isCompressed(row.stored())) {
                    after += size;
                    continue;
                }
                String plain = row.stored() instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                        : (String) row.stored();
                Object stored = encoder.apply(plain);
                long newSize = size(stored);
                if (!isCompressed(stored)) {
                    after += size;
                    continue;
                }
                after += newSize;
                if (stored instanceof byte[] bytes) {
                    ps.setBytes(1, bytes);
                } else {
                    ps.setString(1, (String) stored);
                }
                key.bind(ps, 2, row.key());
                ps.addBatch();
                batched++;
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
        return new ChunkOutcome(rows.size(), before, after);
    }

    private static boolean isCompressed(Object stored) {
        return stored instanceof byte[] b ? Frame.isFramed(b) : TextForm.isCompressed((String) stored);
    }

    private static long size(Object stored) {
        if (stored == null) {
            return 0;
        }
        return stored instanceof byte[] b ? b.length : ((String) stored).getBytes(StandardCharsets.UTF_8).length;
    }
}
