package io.dbopt.bulk.load;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB {@code LOAD DATA LOCAL INFILE} fed from a stream ({@code setLocalInfileInputStream} of Connector/J) on the
 * loader's own connection. {@code LOCAL} makes the server turn bad values and duplicate keys into warnings (it
 * cannot stop the client's transfer), so every warning fails the statement here: the transaction is rolled back and
 * the rows the warnings name ({@code at row N}) are the bad ones.
 */
final class InfileWriter implements PieceWriter {

    private static final Pattern AT_ROW = Pattern.compile("at row (\\d+)");
    /** Notes that say nothing about the rows: deprecated syntax, statement unsafe for statement-based binlog. */
    private static final Set<Integer> HARMLESS = Set.of(1287, 1592, 1681);

    private final String sql;

    InfileWriter(TargetTable table, String quotedTarget, io.dbopt.core.Dialect dialect) {
        StringBuilder targets = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < table.columns().size(); i++) {
            if (i > 0) {
                targets.append(", ");
            }
            String col = dialect.quote(table.columns().get(i));
            if (table.isBinaryColumn(i)) {
                targets.append("@dbopt_v").append(i);
                set.append(set.length() == 0 ? " SET " : ", ").append(col).append(" = UNHEX(@dbopt_v").append(i)
                        .append(')');
            } else {
                targets.append(col);
            }
        }
        this.sql = "LOAD DATA LOCAL INFILE 'dbopt-bulk.tsv' INTO TABLE " + quotedTarget + " CHARACTER SET utf8mb4 "
                + "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" + targets + ")" + set;
    }

    @Override
    public String describe() {
        return sql;
    }

    @Override
    public boolean discardOnFailure() {
        return true;
    }

    @Override
    public long stream(Connection c, Chunk chunk, ChunkFiller<?> filler) throws SQLException {
        ChunkStream in = new ChunkStream(chunk, filler, 0, -1);
        long n = run(c, in);
        check(c, n, chunk.size());
        return n;
    }

    @Override
    public long write(Connection c, Chunk chunk, int from, int to) throws SQLException {
        long n = run(c, new ChunkStream(chunk, null, chunk.offsets[from], chunk.offsets[to]));
        check(c, n, to - from);
        return n;
    }

    private long run(Connection c, ChunkStream in) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
            long n;
            try {
                n = st.executeLargeUpdate(sql);
            } catch (SQLException | RuntimeException e) {
                if (in.failure != null) {
                    in.failure.addSuppressed(e);
                    throw in.failure;
                }
                throw e;
            }
            if (in.failure != null) {
                throw in.failure;
            }
            return n;
        }
    }

    private static void check(Connection c, long loaded, int sent) throws SQLException {
        List<RowFailure.Hint> hints = new ArrayList<>();
        boolean refused = false;
        for (SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
            if (HARMLESS.contains(w.getErrorCode())) {
                continue;
            }
            refused = true;
            String message = w.getMessage() == null ? "" : w.getMessage();
            Matcher row = AT_ROW.matcher(message);
            if (row.find()) {
                Optional<String> column = FailureAnalysis.mariaDbColumn(message);
                hints.add(new RowFailure.Hint(Integer.parseInt(row.group(1)), column,
                        Integer.toString(w.getErrorCode()), message));
            } else if (hints.isEmpty()) {
                hints.add(new RowFailure.Hint(0, Optional.empty(), Integer.toString(w.getErrorCode()), message));
            }
        }
        c.clearWarnings();
        if (refused || loaded != sent) {
            String first = hints.isEmpty() ? "the server loaded " + loaded + " of " + sent + " rows"
                    : hints.get(0).message();
            throw new RowFailure(first, hints.isEmpty() ? "HY000" : hints.get(0).sqlState(),
                    hints.stream().filter(h -> h.row() > 0).toList());
        }
    }

    /** The chunk's bytes as the driver reads them, reading more rows from the source while streaming. */
    private static final class ChunkStream extends InputStream {
        private final Chunk chunk;
        private final ChunkFiller<?> filler;
        private int pos;
        private final int end;
        private boolean more = true;
        RuntimeException failure;

        ChunkStream(Chunk chunk, ChunkFiller<?> filler, int start, int end) {
            this.chunk = chunk;
            this.filler = filler;
            this.pos = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int limit = end >= 0 ? end : chunk.bytes.length();
            if (pos >= limit && end < 0 && more) {
                try {
                    more = filler.fill(chunk, 64 * 1024);
                } catch (RuntimeException e) {
                    failure = e;
                    throw new IOException("reading the rows to load failed", e);
                }
                limit = chunk.bytes.length();
            }
            if (pos >= limit) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(chunk.bytes.array(), pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
