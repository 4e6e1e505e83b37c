package io.dbopt.bulk.throttle;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.component.DbOptComponent;
import io.dbopt.core.component.Health;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@link BusySignal}s. The database ones run one catalog query with a five-second timeout on a
 * connection borrowed from the data source given (use a small separate pool or an unpooled data source, so that the
 * check does not wait behind the job itself); a query that fails makes the signal answer "not busy" and is logged
 * at WARN.
 */
public final class BusySignals {

    private static final Logger LOG = LoggerFactory.getLogger(BusySignals.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private BusySignals() {
    }

    /**
     * Busy while replication lags more than {@code max}. On PostgreSQL, the largest {@code replay_lag} of
     * {@code pg_stat_replication} on a primary, or the replay delay on a standby; on MariaDB,
     * {@code Seconds_Behind_Master} of {@code SHOW ALL SLAVES STATUS}, so point it at a replica.
     */
    public static BusySignal replicationLag(DataSource dataSource, Duration max) {
        return secondsOver(dataSource, "replication_lag", max, "replication lag");
    }

    /**
     * Busy while a transaction on the server has been open longer than {@code max} (it holds back vacuum on
     * PostgreSQL and purge on MariaDB, and the job's deletes and updates would pile up behind it).
     * PostgreSQL reads {@code pg_stat_activity}; MariaDB reads {@code information_schema.INNODB_TRX} (needs the
     * PROCESS privilege).
     */
    public static BusySignal longTransactions(DataSource dataSource, Duration max) {
        return secondsOver(dataSource, "longest_transaction", max, "a transaction open for");
    }

    /**
     * Busy while a dbopt component's health is not UP: a {@code ConnectionPoolManager} that is saturated, a health
     * monitor that sees trouble. The component's {@code healthCheck()} is bounded by its own contract.
     */
    public static BusySignal unhealthy(DbOptComponent<?> component) {
        Objects.requireNonNull(component, "component");
        return () -> {
            Health h = component.healthCheck();
            return h.isUp() ? Optional.empty()
                    : Optional.of(component.componentName() + " is " + h.status().name().toLowerCase(Locale.ROOT));
        };
    }

    /** The largest value of the {@code Seconds_Behind_Master} column when there is one, else of the first column. */
    private static double maxSeconds(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout((int) QUERY_TIMEOUT.toSeconds());
            try (ResultSet rs = st.executeQuery(sql)) {
                int column = 1;
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (meta.getColumnLabel(i).equalsIgnoreCase("Seconds_Behind_Master")) {
                        column = i;
                    }
                }
                double max = 0;
                while (rs.next()) {
                    max = Math.max(max, rs.getDouble(column));
                }
                return max;
            }
        }
    }

    private static BusySignal secondsOver(DataSource dataSource, String query, Duration max, String what) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(max, "max");
        return new BusySignal() {
            private volatile String sql;

            @Override
            public Optional<String> busy() {
                try (Connection c = dataSource.getConnection()) {
                    if (sql == null) {
                        Dialect dialect = DatabaseInfo.detect(c).dialect();
                        sql = SqlResource.load("bulk", dialect, query);
                    }
                    double seconds = maxSeconds(c, sql);
                    if (seconds * 1000 > max.toMillis()) {
                        return Optional.of(String.format(Locale.ROOT, "%s %.1f s (limit %d s)", what, seconds,
                                max.toSeconds()));
                    }
                    return Optional.empty();
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("bulk - cannot read {} for throttling, going on as if not busy: {}", what, e.toString());
                    return Optional.empty();
                }
            }

            @Override
            public String toString() {
                return what + " over " + max;
            }
        };
    }
}
