package io.dbopt.json.metrics;

import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.json.JsonMeters;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The meters of one dbopt-json component and the running totals behind its metrics snapshot: every engine records
 * through the one instance its component gives it. Meters are obtained once, here; recording is lock-free.
 * Thread-safe.
 */
public final class JsonInstruments {

    private final MetricsRecorder recorder;
    private final MetricsRecorder.Timer compressed;
    private final MetricsRecorder.Timer plain;
    private final MetricsRecorder.Timer decompress;
    private final MetricsRecorder.Counter bytesIn;
    private final MetricsRecorder.Counter bytesOut;
    private final MetricsRecorder.Counter diffs;
    private final MetricsRecorder.Counter snapshots;
    private final MetricsRecorder.Summary stored;
    private final MetricsRecorder.Counter roundTripFailures;
    private final Map<String, MetricsRecorder.Counter> failures = new ConcurrentHashMap<>();
    private final Map<String, MetricsRecorder.Counter> jobRows = new ConcurrentHashMap<>();
    private final Map<String, MetricsRecorder.Timer> jobChunks = new ConcurrentHashMap<>();

    private final LongAdder compressions = new LongAdder();
    private final LongAdder decompressions = new LongAdder();
    private final LongAdder inTotal = new LongAdder();
    private final LongAdder outTotal = new LongAdder();
    private final LongAdder failureTotal = new LongAdder();
    private final LongAdder diffTotal = new LongAdder();
    private final LongAdder snapshotTotal = new LongAdder();
    private final LongAdder roundTripTotal = new LongAdder();
    private final LongAdder jobRowTotal = new LongAdder();

    /** Registers the meters on a recorder ({@link MetricsRecorder#noop()} records nothing). */
    public JsonInstruments(MetricsRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        compressed = recorder.timer(JsonMeters.COMPRESS, "Values written through the codec", "outcome", "compressed");
        plain = recorder.timer(JsonMeters.COMPRESS, "Values written through the codec", "outcome", "plain");
        decompress = recorder.timer(JsonMeters.DECOMPRESS, "Stored values read back through the codec");
        bytesIn = recorder.counter(JsonMeters.BYTES_IN, "UTF-8 bytes given to the codec");
        bytesOut = recorder.counter(JsonMeters.BYTES_OUT, "Bytes the codec produced for storage");
        diffs = recorder.counter(JsonMeters.HISTORY_VERSIONS, "Document versions recorded", "kind", "diff");
        snapshots = recorder.counter(JsonMeters.HISTORY_VERSIONS, "Document versions recorded", "kind", "snapshot");
        stored = recorder.summary(JsonMeters.HISTORY_STORED, "Stored size of each recorded version", "bytes");
        roundTripFailures = recorder.counter(JsonMeters.HISTORY_ROUND_TRIP_FAILURES,
                "Diffs that did not reproduce the new version and were stored as snapshots");
    }

    /** Instruments that record into nothing but still keep totals. */
    public static JsonInstruments noop() {
        return new JsonInstruments(MetricsRecorder.noop());
    }

    /** A value went through the codec. */
    public void compressed(long nanos, long originalBytes, long storedBytes, boolean wasCompressed) {
        (wasCompressed ? compressed : plain).recordNanos(nanos);
        bytesIn.increment(originalBytes);
        bytesOut.increment(storedBytes);
        compressions.increment();
        inTotal.add(originalBytes);
        outTotal.add(storedBytes);
    }

    /** A stored value was read back. */
    public void decompressed(long nanos) {
        decompress.recordNanos(nanos);
        decompressions.increment();
    }

    /** A stored value could not be read back; {@code reason} is a {@link io.dbopt.json.JsonErrorCode} name. */
    public void decompressFailed(String reason) {
        failures.computeIfAbsent(reason, r -> recorder.counter(JsonMeters.DECOMPRESS_FAILURES,
                "Stored values that could not be read back", "reason", r)).increment();
        failureTotal.increment();
    }

    /** A history version was stored. */
    public void versionRecorded(boolean snapshot, long storedBytes) {
        (snapshot ? snapshots : diffs).increment();
        (snapshot ? snapshotTotal : diffTotal).increment();
        stored.record(storedBytes);
    }

    /** A diff failed its round-trip check. */
    public void roundTripFailed() {
        roundTripFailures.increment();
        roundTripTotal.increment();
    }

    /** A chunk of a job committed. */
    public void chunkDone(String job, long rows, long nanos) {
        jobRows.computeIfAbsent(job, j -> recorder.counter(JsonMeters.JOB_ROWS, "Rows done by chunked jobs",
                "job", j)).increment(rows);
        jobChunks.computeIfAbsent(job, j -> recorder.timer(JsonMeters.JOB_CHUNK, "Committed chunks of chunked jobs",
                "job", j)).recordNanos(nanos);
        jobRowTotal.add(rows);
    }

    /** Values compressed or kept plain so far. */
    public long compressions() {
        return compressions.sum();
    }

    /** Values read back so far. */
    public long decompressions() {
        return decompressions.sum();
    }

    /** Original bytes given to the codec so far. */
    public long bytesIn() {
        return inTotal.sum();
    }

    /** Bytes produced for storage so far. */
    public long bytesOut() {
        return outTotal.sum();
    }

    /** Values that could not be read back so far. */
    public long failures() {
        return failureTotal.sum();
    }

    /** History diffs stored so far. */
    public long diffs() {
        return diffTotal.sum();
    }

    /** History snapshots stored so far. */
    public long snapshots() {
        return snapshotTotal.sum();
    }

    /** Round-trip failures so far. */
    public long roundTripFailures() {
        return roundTripTotal.sum();
    }

    /** Rows done by chunked jobs so far. */
    public long jobRows() {
        return jobRowTotal.sum();
    }

    /** Removes the meters from the recorder. */
    public void close() {
        recorder.close();
    }
}
