package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.health.sample.CounterWindow;
import java.sql.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check runs with: the checker's own open connection (a check neither closes it nor changes its session),
 * the dialect, the time limit of each statement, what the checker could see, and the counters of the last interval.
 *
 * @param connection the checker's connection
 * @param dialect the server's dialect
 * @param database the name of the monitored database
 * @param statementTimeout the time limit of each statement
 * @param visibility whether other sessions are visible, and why not
 * @param counters the server's counters over the last interval; empty on the first cycle
 */
public record CheckContext(Connection connection, Dialect dialect, String database, Duration statementTimeout, Visibility visibility,
                           Optional<CounterWindow> counters) {

    /** Validates. */
    public CheckContext {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(counters, "counters");
    }
}
