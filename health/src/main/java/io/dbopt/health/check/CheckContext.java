package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.catalog.SchemaTables;
import io.dbopt.health.sample.CounterWindow;
import java.sql.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check runs with: the checker's own open connection (a check neither closes it nor changes its session),
 * the dialect, the time limit of each statement, what the checker could see, the counters of the last interval, and
 * where the checks of one cycle take MariaDB's {@code information_schema.TABLES} from (one read shared by
 * {@code table-bloat} and {@code sequences}; a doctor run shares its own with its other sections).
 *
 * @param connection the checker's connection
 * @param dialect the server's dialect
 * @param database the name of the monitored database
 * @param statementTimeout the time limit of each statement
 * @param visibility whether other sessions are visible, and why not
 * @param counters the server's counters over the last interval; empty on the first cycle
 * @param tables where the checks take the monitored database's {@link SchemaTables} from
 */
public record CheckContext(Connection connection, Dialect dialect, String database, Duration statementTimeout,
                           Visibility visibility, Optional<CounterWindow> counters, SchemaTables.Source tables) {

    /** Validates. */
    public CheckContext {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(tables, "tables");
    }

    /** A context whose checks share one read of {@link SchemaTables}. */
    public CheckContext(Connection connection, Dialect dialect, String database, Duration statementTimeout,
                        Visibility visibility, Optional<CounterWindow> counters) {
        this(connection, dialect, database, statementTimeout, visibility, counters, SchemaTables.Source.shared());
    }

    /** The monitored database's tables, views and sequences (MariaDB), from {@link #tables()}. */
    public SchemaTables schemaTables() throws java.sql.SQLException {
        return tables.tables(connection, statementTimeout, dialect, database);
    }
}
