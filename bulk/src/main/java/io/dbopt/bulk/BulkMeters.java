package io.dbopt.bulk;

/**
 * The names of dbopt-bulk's meters (listed in {@code docs/metrics.md}). Tags: {@code kind} ({@code load},
 * {@code update}, {@code delete}, {@code copy}, {@code archive}, {@code custom} or a job's own label) and, where
 * said, {@code outcome} or {@code reason}.
 */
public final class BulkMeters {

    /** Counter: rows loaded, updated, deleted or moved by committed chunks; tag {@code kind}. */
    public static final String ROWS = "dbopt.bulk.rows";
    /** Counter: input rows rejected as bad; tag {@code kind}. */
    public static final String ROWS_REJECTED = "dbopt.bulk.rows.rejected";
    /** Timer: time of each committed chunk, first statement to commit; tag {@code kind}. */
    public static final String CHUNK = "dbopt.bulk.chunk";
    /** Summary: rows per committed chunk; tag {@code kind}. */
    public static final String CHUNK_ROWS = "dbopt.bulk.chunk.rows";
    /** Timer: pauses by throttling; tags {@code kind}, {@code reason} ({@code sleep}, {@code max-rate}, {@code busy}). */
    public static final String THROTTLE_PAUSE = "dbopt.bulk.throttle.pause";
    /** Counter: jobs ended; tags {@code kind}, {@code outcome} ({@code finished}, {@code failed}). */
    public static final String JOBS = "dbopt.bulk.jobs";
    /** Gauge: jobs running now. */
    public static final String JOBS_RUNNING = "dbopt.bulk.jobs.running";

    private BulkMeters() {
    }
}
