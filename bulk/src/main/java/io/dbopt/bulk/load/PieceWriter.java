package io.dbopt.bulk.load;

import java.sql.Connection;
import java.sql.SQLException;

/** Sends rows of a chunk to the server in one statement (or one batch): COPY, LOAD DATA or batched INSERTs. */
interface PieceWriter {

    /** What it runs, for logs: {@code COPY "orders" (...) FROM STDIN (FORMAT binary)}. */
    String describe();

    /** Whether a connection on which this writer failed with an exception must be discarded. */
    boolean discardOnFailure();

    /**
     * Sends the chunk while the filler reads it from the source (the first attempt of every chunk).
     *
     * @return rows the server took
     * @throws RowFailure when the server accepted the statement but refused rows (MariaDB's warnings)
     */
    long stream(Connection c, Chunk chunk, ChunkFiller<?> filler) throws SQLException;

    /**
     * Sends rows {@code [from, to)} of a filled chunk again.
     *
     * @return rows the server took
     */
    long write(Connection c, Chunk chunk, int from, int to) throws SQLException;
}
