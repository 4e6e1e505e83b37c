package io.dbopt.core.doctor;

import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Server sessions grouped by state and application (PostgreSQL) or user (MariaDB). */
final class ConnectionStates {

    private ConnectionStates() {
    }

    static List<Row> read(Connection connection, Dialect dialect, Duration timeout) throws SQLException {
        return Jdbc.query(connection, timeout, SqlResource.load("core", dialect, "connection-states"),
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
    }

    static Map<String, Long> countByState(List<Row> rows) {
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(r -> counts.merge(r.state(), r.sessions(), Long::sum));
        return counts;
    }

    /**
     * Sessions in one state for one application.
     *
     * @param state {@code active}, {@code idle}, {@code idle in transaction}, ...
     * @param application the application name (PostgreSQL) or user (MariaDB)
     * @param sessions how many
     * @param longestSeconds how long the oldest has been in this state
     */
    record Row(String state, String application, long sessions, long longestSeconds) {
    }
}
