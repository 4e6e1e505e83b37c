package io.dbopt.bulk.load;

import io.dbopt.bulk.failure.BadRow;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.core.DbOptException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads rows from the source into a chunk, encoding them as it goes, until the chunk is full or the source ends.
 * Rows whose getter throws or whose value the encoder refuses are kept aside as bad rows. Not thread-safe.
 */
final class ChunkFiller<T> {

    private final RowSource<? extends T> source;
    private final RowMapping<T> mapping;
    private final RowEncoder encoder;
    private final List<String> columns;
    private final boolean showValues;
    private final int maxRows;
    private final long maxBytes;
    private long inputRow;
    private boolean lookedAhead;
    private final List<BadRow> clientRejects = new ArrayList<>();

    /**
     * @param encoder null for batched INSERTs, which bind values instead of sending bytes
     * @param inputRowsBefore input rows read (or skipped) before the first row this filler reads
     */
    ChunkFiller(RowSource<? extends T> source, RowMapping<T> mapping, RowEncoder encoder, boolean showValues,
                int maxRows, long maxBytes, long inputRowsBefore) {
        this.source = source;
        this.mapping = mapping;
        this.encoder = encoder;
        this.columns = mapping.columns();
        this.showValues = showValues;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.inputRow = inputRowsBefore;
    }

    /** Input rows read so far (a row read ahead not counted). */
    long inputRows() {
        return lookedAhead ? inputRow - 1 : inputRow;
    }

    /**
     * Skips {@code rows} input rows (done by an earlier run).
     *
     * @return the rows actually skipped (fewer when the source ends)
     */
    long skip(long rows) {
        long skipped = 0;
        while (skipped < rows && advance()) {
            skipped++;
        }
        return skipped;
    }

    /** Rows rejected on the client since the last call, emptied. */
    List<BadRow> takeClientRejects() {
        List<BadRow> out = List.copyOf(clientRejects);
        clientRejects.clear();
        return out;
    }

    /** The input number the next row read into a chunk will have. */
    long nextRowNumber() {
        return lookedAhead ? inputRow : inputRow + 1;
    }

    /** Whether the source has another row (read ahead, so that no empty chunk is sent at the end). */
    boolean hasMore() {
        if (!lookedAhead) {
            lookedAhead = advance();
        }
        return lookedAhead;
    }

    /** Whether the chunk is full (or the source ended). */
    boolean full(Chunk chunk) {
        return chunk.sourceEnded || chunk.size() >= maxRows || chunk.bytes.length() >= maxBytes;
    }

    /**
     * Reads rows into the chunk until {@code minBytes} more bytes are encoded (or {@code minBytes} rows for batched
     * INSERTs) or the chunk is full.
     *
     * @return whether the chunk may take more rows
     */
    boolean fill(Chunk chunk, int minBytes) {
        int startBytes = chunk.bytes.length();
        int startRows = chunk.size();
        while (!full(chunk)) {
            if (encoder != null ? chunk.bytes.length() - startBytes >= minBytes : chunk.size() - startRows >= minBytes) {
                return true;
            }
            boolean next = lookedAhead || advance();
            lookedAhead = false;
            if (!next) {
                chunk.sourceEnded = true;
                break;
            }
            chunk.lastInputRow = inputRow;
            readRow(chunk);
        }
        return false;
    }

    /** Reads the rest of the chunk. */
    void fillAll(Chunk chunk) {
        while (fill(chunk, Integer.MAX_VALUE)) {
            // keep reading
        }
    }

    private boolean advance() {
        try {
            if (!source.next()) {
                return false;
            }
            inputRow++;
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new DbOptException(BulkErrorCode.SOURCE_FAILED, "Reading input row " + (inputRow + 1)
                    + " failed (" + e.getClass().getSimpleName() + "): fix the source; the chunks committed before "
                    + "stay, and a load with a job id resumes after them", e);
        }
    }

    private void readRow(Chunk chunk) {
        T row = source.row();
        Object[] values;
        try {
            values = mapping.values(row);
        } catch (RuntimeException e) {
            clientRejects.add(new BadRow(inputRow, Optional.empty(), "client", "the row mapping threw "
                    + e.getClass().getSimpleName() + (showValues && e.getMessage() != null ? ": " + e.getMessage()
                    : ""), List.of()));
            return;
        }
        if (encoder != null) {
            int mark = chunk.bytes.length();
            try {
                encoder.encode(values, chunk.bytes);
            } catch (BadValueException e) {
                chunk.bytes.truncate(mark);
                clientRejects.add(new BadRow(inputRow, Optional.of(columns.get(e.column())), "client",
                        e.getMessage(), showValues ? texts(values) : List.of()));
                return;
            } catch (RuntimeException e) {
                chunk.bytes.truncate(mark);
                clientRejects.add(new BadRow(inputRow, Optional.empty(), "client", "cannot encode the row ("
                        + e.getClass().getSimpleName() + ")", showValues ? texts(values) : List.of()));
                return;
            }
        }
        chunk.add(inputRow, values);
    }

    static List<String> texts(Object[] values) {
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(v == null ? null : v instanceof byte[] b ? "<" + b.length + " bytes>" : v.toString());
        }
        return out;
    }
}
