package io.dbopt.json;

import java.time.Duration;
import java.util.Objects;

/**
 * What a chunked job (the in-place compression of a column, the conversion of a full-copy history) has done: in this
 * run and in total since it started, counting earlier interrupted runs it resumed from.
 *
 * @param job the job's name in the checkpoint table
 * @param complete whether every row is done
 * @param rowsThisRun rows done by this run
 * @param chunksThisRun chunks committed by this run
 * @param rowsTotal rows done by every run of the job
 * @param bytesBefore bytes the rows done took before (in total)
 * @param bytesAfter bytes they take now (in total)
 * @param elapsed how long this run took
 */
public record JobResult(String job, boolean complete, long rowsThisRun, long chunksThisRun, long rowsTotal,
                        long bytesBefore, long bytesAfter, Duration elapsed) {

    /** Validates. */
    public JobResult {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Bytes after over bytes before (1 when nothing was done). */
    public double ratio() {
        return bytesBefore == 0 ? 1 : (double) bytesAfter / bytesBefore;
    }
}
