package io.dbopt.bulk.chunk;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The work of one chunk, run in the chunk's transaction on the worker's connection (do not commit or roll back: the
 * job does, together with the chunk's checkpoint). Returns the rows it touched.
 */
@FunctionalInterface
public interface ChunkWork {

    /** Does the chunk's work for keys in {@code range}. */
    long apply(Connection connection, KeyRange range) throws SQLException;
}
