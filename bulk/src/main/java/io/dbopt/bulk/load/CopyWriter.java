package io.dbopt.bulk.load;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL {@code COPY ... FROM STDIN} in text or binary format through pgjdbc's {@code CopyManager}. A COPY
 * interrupted by the client is cancelled before the exception leaves, and the connection is then discarded.
 */
final class CopyWriter implements PieceWriter {

    private static final int SEND_BYTES = 64 * 1024;

    private final String sql;
    private final RowEncoder encoder;

    CopyWriter(String quotedTarget, String columnList, RowEncoder encoder, boolean binary) {
        this.sql = "COPY " + quotedTarget + " (" + columnList + ") FROM STDIN" + (binary ? " (FORMAT binary)" : "");
        this.encoder = encoder;
    }

    /** Whether pgjdbc is on the class path and the connection is (or wraps) a pgjdbc one. */
    static boolean available(Connection c) {
        try {
            Class.forName("org.postgresql.PGConnection", false, CopyWriter.class.getClassLoader());
            return c.isWrapperFor(PGConnection.class);
        } catch (ClassNotFoundException | SQLException e) {
            return false;
        }
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
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            write(in, encoder.header(), 0, encoder.header().length);
            int sent = chunk.bytes.length();
            write(in, chunk.bytes.array(), 0, sent);
            boolean more = true;
            while (more) {
                more = filler.fill(chunk, SEND_BYTES);
                int end = chunk.bytes.length();
                write(in, chunk.bytes.array(), sent, end - sent);
                sent = end;
            }
            byte[] trailer = encoder.trailer();
            write(in, trailer, 0, trailer.length);
            return in.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancel(in, e);
            throw e;
        }
    }

    @Override
    public long write(Connection c, Chunk chunk, int from, int to) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            byte[] header = encoder.header();
            write(in, header, 0, header.length);
            int start = chunk.offsets[from];
            int end = chunk.offsets[to];
            for (int p = start; p < end; p += 1 << 20) {
                write(in, chunk.bytes.array(), p, Math.min(1 << 20, end - p));
            }
            byte[] trailer = encoder.trailer();
            write(in, trailer, 0, trailer.length);
            return in.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancel(in, e);
            throw e;
        }
    }

    private static void write(CopyIn in, byte[] bytes, int off, int len) throws SQLException {
        if (len > 0) {
            in.writeToCopy(bytes, off, len);
        }
    }

    private static void cancel(CopyIn in, Exception failure) {
        try {
            if (in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
