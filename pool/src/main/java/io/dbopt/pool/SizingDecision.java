package io.dbopt.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One decision of the {@link AdaptivePoolSizer}: what it did, why, and the evidence it looked at. Immutable.
 *
 * @param at when it was taken
 * @param action grow, shrink or hold
 * @param reason why
 * @param from the maximum before
 * @param to the maximum after (equal to {@code from} when holding)
 * @param pending threads waiting for a connection at the time
 * @param acquireP95 the 95th percentile acquire time over the last interval
 * @param meanHold the mean time a connection was held over the last interval
 * @param baselineHold the shortest mean hold time seen recently, the sizer's measure of an unloaded database
 * @param busyConnections the average number of connections in use over the last interval (Little's law)
 * @param queueEstimate the estimated number of borrowers queueing inside the database rather than working
 * @param serverCap the largest size the server and the cluster budget allow now, -1 when unknown
 * @param explanation the reason in words, as logged
 */
public record SizingDecision(Instant at, Action action, Reason reason, int from, int to, int pending,
                             Duration acquireP95, Duration meanHold, Duration baselineHold, double busyConnections,
                             double queueEstimate, int serverCap, String explanation) {

    /** Validates. */
    public SizingDecision {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(acquireP95, "acquireP95");
        Objects.requireNonNull(meanHold, "meanHold");
        Objects.requireNonNull(baselineHold, "baselineHold");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** What the sizer did. */
    public enum Action {
        /** Raised the maximum. */
        GROW,
        /** Lowered the maximum and closed idle connections above it. */
        SHRINK,
        /** Left the maximum alone. */
        HOLD
    }

    /** Why. */
    public enum Reason {
        /** Borrowers waited (threads pending, acquire time above target, or timeouts) for consecutive intervals. */
        WAITING,
        /** Every lent connection is held by a thread waiting for a second one: growing breaks the deadlock. */
        NESTED_DEADLOCK,
        /** Connections sat idle: the peak in use stayed below the size for the whole shrink period. */
        IDLE,
        /** A growth did not raise throughput: the database does no more with more connections. */
        SATURATED,
        /** A growth is being measured: throughput at the new size is set against the old one. */
        PROBING,
        /** All instances of the application together hold more sessions than the cluster budget. */
        OVER_BUDGET,
        /** Nothing calls for a change (or waiting has not lasted long enough yet). */
        STEADY,
        /** A resize happened too recently. */
        COOLDOWN,
        /** The most resizes per minute were made. */
        RATE_LIMITED,
        /** The pool is at {@code pool_size + max_overflow}. */
        AT_MAXIMUM,
        /** Growing would pass the server's {@code max_connections} minus the reserve. */
        SERVER_LIMIT,
        /** Growing would pass the cluster-wide budget of the application. */
        CLUSTER_BUDGET,
        /** The server's view is unavailable or stale, so growth cannot be checked against it. */
        SERVER_VIEW_UNAVAILABLE,
        /** A borrow exceeded the leak threshold: growing would hide the leak. */
        LEAK_SUSPECTED,
        /** No connection was returned during the interval although some are lent: a hang, not a lack of size. */
        STALLED
    }
}
