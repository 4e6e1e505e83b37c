package io.dbopt.bulk.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where one job stands: rows done, the total (exact or estimated from the catalog, when known), chunks, rejected
 * rows, the recent rate in rows per second and the time left at that rate. Immutable snapshot.
 *
 * @param job the job's name
 * @param kind what the job does ({@code load}, {@code update}, {@code delete}, {@code copy}, {@code archive})
 * @param state running, finished or failed
 * @param rowsDone rows written, updated, deleted or moved so far
 * @param total the rows the job expects in all, when known
 * @param totalEstimated whether {@code total} is an estimate (catalog statistics) rather than a count
 * @param chunksDone chunks committed
 * @param rowsRejected input rows rejected as bad
 * @param rowsPerSecond the rate over the last seconds (0 before the first chunk)
 * @param elapsed time since the job started
 * @param throttled time spent paused by throttling
 * @param startedAt when the job started
 */
public record Progress(String job, String kind, State state, long rowsDone, OptionalLong total,
                       boolean totalEstimated, long chunksDone, long rowsRejected, double rowsPerSecond,
                       Duration elapsed, Duration throttled, Instant startedAt) {

    /** A job's state. */
    public enum State {
        /** Working. */
        RUNNING,
        /** Done, every row handled. */
        FINISHED,
        /** Stopped by an error or a cancel; what was committed stays. */
        FAILED
    }

    /** Validates. */
    public Progress {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(throttled, "throttled");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** The share done from 0 to 1, when the total is known. */
    public Optional<Double> fraction() {
        if (total.isEmpty()) {
            return Optional.empty();
        }
        long t = total.getAsLong();
        return Optional.of(t <= 0 ? 1.0 : Math.min(1.0, (double) rowsDone / t));
    }

    /** The time left at the recent rate, when the total is known and rows are moving. */
    public Optional<Duration> eta() {
        if (total.isEmpty() || rowsPerSecond <= 0 || state != State.RUNNING) {
            return Optional.empty();
        }
        long left = Math.max(0, total.getAsLong() - rowsDone);
        return Optional.of(Duration.ofMillis((long) (left / rowsPerSecond * 1000)));
    }
}
