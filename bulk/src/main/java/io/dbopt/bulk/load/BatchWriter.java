package io.dbopt.bulk.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Batched {@code INSERT ... VALUES (?, ...)}: pgjdbc rewrites the batch into multi-row INSERTs when the connection
 * has {@code reWriteBatchedInserts} (the loader's own connections do), MariaDB Connector/J sends it as one bulk
 * command. The row count is the number of rows bound when the batch succeeded: the statements run in one
 * transaction, so a batch either inserts every row or none, whatever counts the driver reports.
 */
final class BatchWriter implements PieceWriter {

    private static final int ROWS_PER_EXECUTE = 5_000;
    private static final Set<String> PG_TEXT = Set.of("text", "varchar", "bpchar", "name", "char");

    private final String sql;
    private final boolean postgres;
    private final boolean[] untypedText;

    BatchWriter(TargetTable table, String quotedTarget, io.dbopt.core.Dialect dialect) {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < table.columns().size(); i++) {
            params.append(i == 0 ? "?" : ", ?");
        }
        this.sql = "INSERT INTO " + quotedTarget + " (" + table.columnList(dialect) + ") VALUES (" + params + ")";
        this.postgres = dialect.resourceFolder().equals("postgresql");
        this.untypedText = new boolean[table.columns().size()];
        for (int i = 0; i < untypedText.length; i++) {
            // text for a non-text PostgreSQL column is sent untyped, so that the server parses it (CSV input)
            untypedText[i] = postgres && !PG_TEXT.contains(table.types().get(i));
        }
    }

    @Override
    public String describe() {
        return sql;
    }

    @Override
    public boolean discardOnFailure() {
        return false;
    }

    @Override
    public long stream(Connection c, Chunk chunk, ChunkFiller<?> filler) throws SQLException {
        filler.fillAll(chunk);
        return write(c, chunk, 0, chunk.size());
    }

    @Override
    public long write(Connection c, Chunk chunk, int from, int to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (int r = from; r < to; r++) {
                Object[] values = chunk.values.get(r);
                for (int i = 0; i < values.length; i++) {
                    bind(ps, i, values[i]);
                }
                ps.addBatch();
                if (++pending == ROWS_PER_EXECUTE) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return to - from;
    }

    private void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        int p = i + 1;
        if (v == null) {
            ps.setNull(p, Types.NULL);
        } else if (v instanceof String s && untypedText[i]) {
            ps.setObject(p, s, Types.OTHER);
        } else if (v instanceof byte[] b) {
            ps.setBytes(p, b);
        } else if (v instanceof Instant t) {
            if (postgres) {
                ps.setObject(p, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else {
                ps.setTimestamp(p, java.sql.Timestamp.from(t));
            }
        } else if (v instanceof Enum<?> e) {
            ps.setString(p, e.name());
        } else {
            ps.setObject(p, v);
        }
    }
}
