package io.dbopt.bulk.throttle;

import io.dbopt.core.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a job slows itself down: a pause after every chunk, a ceiling on rows per second (shared by the job's
 * workers), and {@link BusySignal}s that make it wait, asking again every {@code busyPoll}, while the server is busy.
 * Immutable; {@link #none()} does not slow anything.
 *
 * @param pause sleep after every chunk ({@link Duration#ZERO} for none)
 * @param maxRowsPerSecond ceiling over the whole job, 0 for none
 * @param busySignals asked before every chunk
 * @param busyPoll how long to wait before asking a busy signal again
 */
public record Throttle(Duration pause, double maxRowsPerSecond, List<BusySignal> busySignals, Duration busyPoll) {

    /** Validates and copies. */
    public Throttle {
        Checks.notNegative("pause", pause);
        Checks.inRange("maxRowsPerSecond", maxRowsPerSecond, 0, Double.MAX_VALUE);
        busySignals = List.copyOf(busySignals);
        Checks.positive("busyPoll", busyPoll);
    }

    /** No throttling. */
    public static Throttle none() {
        return new Throttle(Duration.ZERO, 0, List.of(), Duration.ofSeconds(5));
    }

    /** This throttle with a pause after every chunk. */
    public Throttle withPause(Duration value) {
        return new Throttle(value, maxRowsPerSecond, busySignals, busyPoll);
    }

    /** This throttle with a ceiling on rows per second (0 removes it). */
    public Throttle withMaxRowsPerSecond(double value) {
        return new Throttle(pause, value, busySignals, busyPoll);
    }

    /** This throttle with one more busy signal. */
    public Throttle withBusySignal(BusySignal signal) {
        List<BusySignal> all = new ArrayList<>(busySignals);
        all.add(Objects.requireNonNull(signal, "signal"));
        return new Throttle(pause, maxRowsPerSecond, all, busyPoll);
    }

    /** This throttle asking busy signals again after {@code value}. */
    public Throttle withBusyPoll(Duration value) {
        return new Throttle(pause, maxRowsPerSecond, busySignals, value);
    }
}
