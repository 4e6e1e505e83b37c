package io.dbopt.json;

import io.dbopt.core.component.ComponentMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The numbers of a {@link JsonFieldOptimizer} since it was created.
 *
 * @param at when the snapshot was taken
 * @param compressions values written through the codec (compressed or kept plain)
 * @param decompressions stored values read back
 * @param bytesIn UTF-8 bytes given to the codec
 * @param bytesOut bytes it produced for storage
 * @param decompressFailures stored values that could not be read back
 * @param historyDiffs history versions stored as diffs
 * @param historySnapshots history versions stored as full snapshots
 * @param roundTripFailures diffs that failed their round-trip check (stored as snapshots instead)
 * @param jobRows rows done by chunked jobs
 */
public record JsonMetrics(Instant at, long compressions, long decompressions, long bytesIn, long bytesOut,
                          long decompressFailures, long historyDiffs, long historySnapshots, long roundTripFailures,
                          long jobRows) implements ComponentMetrics {

    /** Validates. */
    public JsonMetrics {
        Objects.requireNonNull(at, "at");
    }

    /** Bytes out over bytes in (1 before anything was written). */
    public double compressionRatio() {
        return bytesIn == 0 ? 1 : (double) bytesOut / bytesIn;
    }

    @Override
    public Map<String, Number> values() {
        Map<String, Number> v = new LinkedHashMap<>();
        v.put("compressions", compressions);
        v.put("decompressions", decompressions);
        v.put("bytes_in", bytesIn);
        v.put("bytes_out", bytesOut);
        v.put("compression_ratio", compressionRatio());
        v.put("decompress_failures", decompressFailures);
        v.put("history_diffs", historyDiffs);
        v.put("history_snapshots", historySnapshots);
        v.put("round_trip_failures", roundTripFailures);
        v.put("job_rows", jobRows);
        return v;
    }
}
