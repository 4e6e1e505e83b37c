package io.dbopt.json.chunk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The work of a {@link ChunkedJob}: which items come next after a key, and what to do with them. Both calls run in
 * the chunk's transaction, after the job's checkpoint row is locked.
 *
 * @param <R> an item (a row, a document)
 */
public interface ChunkWork<R> {

    /**
     * The next items in key order after {@code after} (all from the start when empty), at most {@code limit}, locked
     * against concurrent change when they will be written.
     */
    List<R> next(Connection connection, Optional<String> after, int limit) throws SQLException;

    /** An item's key, as the checkpoint keeps it. */
    String keyOf(R item);

    /** Does the chunk's work; the job commits it with the checkpoint. */
    ChunkOutcome process(Connection connection, List<R> items) throws SQLException;
}
