package io.dbopt.health.alert;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Claims notifications through one row per alert in a small table: a fire is claimed by inserting the row, or by
 * flipping it from resolved to firing once the cooldown has passed; a repeat by moving its sent time once the repeat
 * interval has passed; a resolution by flipping it from firing to resolved. Each is one statement whose row count
 * says whether this instance won. The statements live in {@code io/dbopt/health/sql/<dialect>/coordination-*.sql};
 * the table name is quoted through the dialect and put only into the statements, never into their comments.
 */
final class DatabaseCoordinator implements AlertCoordinator {

    private final DataSource dataSource;
    private final String table;
    private final String sender;
    private final int timeoutSeconds;
    private volatile Dialect dialect;
    private volatile boolean created;

    DatabaseCoordinator(DataSource dataSource, String table, String sender, Duration statementTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = io.dbopt.core.Checks.notBlank("table", table);
        this.sender = Objects.requireNonNull(sender, "sender");
        this.timeoutSeconds = (int) Math.max(1, (statementTimeout.toMillis() + 999) / 1000);
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean claim(Alert alert, Duration cooldown, Duration repeatInterval) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (dialect == null) {
                Dialect detected = DatabaseInfo.dialectOf(c.getMetaData());
                detected.validateIdentifier(table);
                dialect = detected;
            }
            createTable(c);
            if (alert.state() == AlertState.RESOLVED) {
                return run(c, "coordination-resolve", sender, alert.fingerprint()) == 1;
            }
            if (alert.repeat()) {
                return run(c, "coordination-repeat", sender, alert.fingerprint(), micros(repeatInterval)) == 1;
            }
            if (run(c, "coordination-insert", alert.fingerprint(), alert.rule(), sender) == 1) {
                return true;
            }
            return run(c, "coordination-refire", sender, alert.fingerprint(), micros(cooldown)) == 1;
        }
    }

    private void createTable(Connection c) throws SQLException {
        if (created) {
            return;
        }
        try {
            run(c, "coordination-create");
        } catch (SQLException e) {
            // two instances creating it at once: the loser sees a duplicate (PostgreSQL's catalog race)
            ErrorKind kind = SqlErrors.classify(e);
            if (kind != ErrorKind.DUPLICATE_OBJECT && kind != ErrorKind.UNIQUE_VIOLATION) {
                throw e;
            }
        }
        created = true;
    }

    private int run(Connection c, String name, Object... params) throws SQLException {
        String sql = withoutLineComments(SqlResource.load("health", dialect, name)).replace("{table}",
                dialect.quote(table));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /**
     * The statement without its {@code --} comment lines, so that the table's name is only ever put where it is a
     * quoted identifier: a name with a newline put into a comment would end the comment and run as SQL.
     */
    static String withoutLineComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        for (String line : sql.split("\n", -1)) {
            if (!line.stripLeading().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    @Override
    public String toString() {
        return "database coordination in table " + table;
    }
}
