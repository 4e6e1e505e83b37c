package io.dbopt.health.check;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.PostgresDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether the checker's user sees every session of the server, or only its own: without PostgreSQL's
 * {@code pg_read_all_stats} (or superuser) and MariaDB's {@code PROCESS} privilege, the session checks see other
 * users' sessions without their state, so they say so instead of answering UP for what they cannot see. Immutable.
 *
 * @param allSessions whether every session is visible
 * @param missingGrant the grant that would make them visible, empty when nothing is missing
 */
public record Visibility(boolean allSessions, String missingGrant) {

    /** Everything visible. */
    public static final Visibility FULL = new Visibility(true, "");

    /** Validates. */
    public Visibility {
        if (missingGrant == null) {
            throw new IllegalArgumentException("missingGrant must not be null; use \"\"");
        }
    }

    /** What the user of {@code connection} can see. */
    public static Visibility of(Connection connection, Dialect dialect, Duration timeout) throws SQLException {
        if (dialect instanceof PostgresDialect) {
            List<Boolean> rows = Jdbc.query(connection, timeout, "SELECT r.rolsuper OR pg_catalog.pg_has_role("
                    + "current_user, 'pg_read_all_stats', 'MEMBER') FROM pg_catalog.pg_roles r "
                    + "WHERE r.rolname = current_user", rs -> rs.getBoolean(1));
            return !rows.isEmpty() && rows.get(0) ? FULL
                    : new Visibility(false, "GRANT pg_read_all_stats TO " + dialect.quote(currentUser(connection)));
        }
        try {
            Jdbc.query(connection, timeout, "SELECT 1 FROM information_schema.INNODB_TRX LIMIT 0", rs -> 1);
            return FULL;
        } catch (SQLException e) {
            if (SqlErrors.classify(e) == ErrorKind.PERMISSION_DENIED) {
                return new Visibility(false, "GRANT PROCESS ON *.* TO the checker's user");
            }
            throw e;
        }
    }

    /** The sentence a check adds when it could not see everything, if anything is missing. */
    public Optional<String> limitation() {
        return allSessions ? Optional.empty()
                : Optional.of("only this user's own sessions are visible; " + missingGrant + " to see all");
    }

    private static String currentUser(Connection connection) throws SQLException {
        List<String> rows = Jdbc.query(connection, "SELECT current_user", rs -> rs.getString(1));
        return rows.isEmpty() ? "current_user" : rows.get(0);
    }
}
