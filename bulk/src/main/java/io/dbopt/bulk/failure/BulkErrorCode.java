package io.dbopt.bulk.failure;

import io.dbopt.core.ErrorCode;

/** Error codes raised by dbopt-bulk, printed as {@code BULK_<NAME>}. */
public enum BulkErrorCode implements ErrorCode {
    /** A load, job or archive was described wrongly (no columns, unknown strategy for the server, bad range). */
    INVALID_REQUEST,
    /** The chosen loading strategy cannot run here (no pgjdbc connection for COPY, local infile refused). */
    STRATEGY_UNAVAILABLE,
    /** Reading the rows to load failed (a CSV file that cannot be read, a failing iterator or result set). */
    SOURCE_FAILED,
    /** More rows were rejected than {@code maxErrors} allows; the committed chunks stay and the job can resume. */
    TOO_MANY_BAD_ROWS,
    /** A chunk failed for a reason other than its rows and kept failing after the configured retries. */
    CHUNK_FAILED,
    /** A job id is already used in the checkpoint table by a job with another definition. */
    CHECKPOINT_CONFLICT,
    /** An archive move found other counts than it expected (rows copied differ from rows deleted). */
    ARCHIVE_MISMATCH,
    /** The job was stopped by {@code cancel()} or by an interrupt. */
    CANCELLED;

    @Override
    public String code() {
        return "BULK_" + name();
    }
}
