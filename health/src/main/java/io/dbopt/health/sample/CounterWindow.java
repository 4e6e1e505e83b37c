package io.dbopt.health.sample;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Two readings of the server's counters, and what happened between them: increases and rates. A counter that went
 * down (statistics reset, server restart) has no increase for this window. Immutable.
 *
 * @param previous the earlier reading
 * @param current the later reading
 */
public record CounterWindow(ServerCounters previous, ServerCounters current) {

    /** Validates. */
    public CounterWindow {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
    }

    /** The time between the readings. */
    public Duration length() {
        return Duration.between(previous.at(), current.at());
    }

    /** How much a counter grew; empty when either reading lacks it or it went down (reset). */
    public OptionalLong increase(String name) {
        OptionalLong before = previous.get(name);
        OptionalLong after = current.get(name);
        if (before.isEmpty() || after.isEmpty() || after.getAsLong() < before.getAsLong()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(after.getAsLong() - before.getAsLong());
    }

    /** How fast a counter grew, per second; empty when {@link #increase} is, or the window has no length. */
    public OptionalDouble ratePerSecond(String name) {
        double seconds = length().toNanos() / 1e9;
        OptionalLong inc = increase(name);
        if (inc.isEmpty() || seconds <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(inc.getAsLong() / seconds);
    }
}
