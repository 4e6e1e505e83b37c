package io.dbopt.bulk.throttle;

import java.util.Optional;

/**
 * Says whether the database is too busy for the next chunk right now. A job asks its signals before every chunk and
 * pauses, asking again every poll interval, while any of them answers with a reason. Built-in signals are in
 * {@link BusySignals}: replication lag, long-running transactions, and any dbopt component whose health is not UP
 * (a pool, as the saturation signal). Implementations are thread-safe, quick, and never throw: a signal that cannot
 * tell answers "not busy" and says so in its log.
 */
@FunctionalInterface
public interface BusySignal {

    /** Why the server is busy now, or empty when it is not. */
    Optional<String> busy();
}
