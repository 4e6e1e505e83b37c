package io.dbopt.health;

import io.dbopt.core.component.Health;
import io.dbopt.health.sample.CounterWindow;
import io.dbopt.health.sample.SessionCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check cycle produced: the health answer, and the readings the performance monitor and the alert rules
 * use.
 *
 * @param at when the cycle started
 * @param health the answer, with one part per check and attached component
 * @param outcome how the cycle ended
 * @param took how long it took
 * @param latency the probe's round trip, when the database answered it
 * @param counters the server's counters over the last interval, from the second cycle on
 * @param sessions the session counts, when read
 * @param componentValues each attached component's {@code metrics().values()}, by component name
 */
record Cycle(Instant at, Health health, Outcome outcome, Duration took, Optional<Duration> latency,
             Optional<CounterWindow> counters, Optional<SessionCounts> sessions,
             Map<String, Map<String, Number>> componentValues) {

    /** How a cycle ended. */
    enum Outcome {
        /** The database answered within the deadline. */
        ANSWERED,
        /** The database did not answer within the deadline (hung or too slow). */
        TIMED_OUT,
        /** The database refused or failed the probe. */
        FAILED
    }

    Cycle {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(outcome, "outcome");
        componentValues = Map.copyOf(componentValues);
    }
}
