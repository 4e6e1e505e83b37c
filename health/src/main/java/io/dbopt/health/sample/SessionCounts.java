package io.dbopt.health.sample;

import io.dbopt.core.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * Sessions of the monitored database by what they are doing, at one instant. The checker's own session is not
 * counted. Immutable.
 *
 * @param at when they were counted
 * @param active sessions running a statement
 * @param waiting active sessions waiting for a lock
 * @param idleInTransaction sessions idle inside an open transaction
 * @param slow active sessions whose statement has run longer than the long-query threshold
 */
public record SessionCounts(Instant at, long active, long waiting, long idleInTransaction, long slow) {

    /** Validates. */
    public SessionCounts {
        Objects.requireNonNull(at, "at");
        Checks.notNegative("active", active);
        Checks.notNegative("waiting", waiting);
        Checks.notNegative("idleInTransaction", idleInTransaction);
        Checks.notNegative("slow", slow);
    }
}
