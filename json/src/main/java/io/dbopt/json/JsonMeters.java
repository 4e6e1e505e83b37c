package io.dbopt.json;

/**
 * The names of every meter dbopt-json registers (through {@link io.dbopt.core.metrics.MetricsRecorder}); the table
 * in {@code docs/metrics.md} lists them with units and tags. Tags: {@code outcome} ({@code compressed} /
 * {@code plain}), {@code kind} ({@code diff} / {@code snapshot}), {@code reason} (a {@link JsonErrorCode} name) and
 * {@code job} (the job kind: {@code compression} / {@code history}).
 */
public final class JsonMeters {

    /** Timer: values written through the codec, tagged {@code outcome}. */
    public static final String COMPRESS = "dbopt.json.compress";
    /** Timer: stored values read back through the codec (plain ones included). */
    public static final String DECOMPRESS = "dbopt.json.decompress";
    /** Counter (bytes): UTF-8 bytes given to the codec. */
    public static final String BYTES_IN = "dbopt.json.bytes.in";
    /** Counter (bytes): bytes the codec produced for storage, header included. */
    public static final String BYTES_OUT = "dbopt.json.bytes.out";
    /** Counter: stored values that could not be read back, tagged {@code reason}. */
    public static final String DECOMPRESS_FAILURES = "dbopt.json.decompress.failures";
    /** Counter: document versions recorded, tagged {@code kind}. */
    public static final String HISTORY_VERSIONS = "dbopt.json.history.versions";
    /** Summary (bytes): stored size of each recorded version. */
    public static final String HISTORY_STORED = "dbopt.json.history.stored";
    /** Counter: diffs that did not reproduce the new version when applied and were stored as snapshots. */
    public static final String HISTORY_ROUND_TRIP_FAILURES = "dbopt.json.history.round_trip_failures";
    /** Counter (rows): rows done by chunked jobs, tagged {@code job}. */
    public static final String JOB_ROWS = "dbopt.json.job.rows";
    /** Timer: committed chunks of chunked jobs, tagged {@code job}. */
    public static final String JOB_CHUNK = "dbopt.json.job.chunk";

    private JsonMeters() {
    }
}
