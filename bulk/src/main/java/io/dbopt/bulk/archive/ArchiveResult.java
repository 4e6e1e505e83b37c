package io.dbopt.bulk.archive;

import java.time.Duration;

/**
 * What an archive run moved, verified: every chunk copied as many rows as it deleted, and no row in the job's key
 * range matches the condition any more at the end ({@code remaining}, rows added since the job started may be
 * counted). Immutable.
 *
 * @param jobId the run's job id
 * @param rowsMoved rows moved by this run
 * @param chunks chunks committed by this run
 * @param remaining rows of the job's key range still matching the condition afterwards
 * @param elapsed wall time
 */
public record ArchiveResult(String jobId, long rowsMoved, long chunks, long remaining, Duration elapsed) {
}
