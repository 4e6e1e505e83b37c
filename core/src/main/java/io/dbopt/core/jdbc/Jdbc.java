package io.dbopt.core.jdbc;

import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Small JDBC helpers used by dbopt's analyzers: every value is bound, every resource closed on every path, and a
 * failure while closing is added as suppressed to the primary one. Methods taking a {@link Connection} keep
 * {@link SQLException}; {@link #withConnection} is the module boundary that wraps it into {@link DbOptException}.
 */
public final class Jdbc {

    private Jdbc() {
    }

    /** Runs a query with bound parameters and maps every row. */
    public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = prepare(connection, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        }
    }

    /**
     * Runs a query with a time limit ({@link java.sql.Statement#setQueryTimeout}, rounded up to whole seconds) and
     * maps every row. Catalog queries of analyzers use this so a slow catalog never hangs a report.
     */
    public static <T> List<T> query(Connection connection, java.time.Duration timeout, String sql, RowMapper<T> mapper,
                                    Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(connection, sql, params)) {
            ps.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    /** Runs a query and maps the first row, if any. */
    public static <T> Optional<T> queryFirst(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = prepare(connection, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
        }
    }

    /** Runs an update with bound parameters and returns the affected row count. */
    public static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(connection, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** Runs a statement that takes no parameters (DDL, SET). */
    public static void execute(Connection connection, String sql) throws SQLException {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps;
        } catch (SQLException e) {
            try {
                ps.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /**
     * Borrows a connection, applies {@code work} and closes the connection, wrapping any {@link SQLException} into a
     * {@link DbOptException} that says what was being done.
     *
     * @param whatIsBeingDone for the error message, e.g. {@code "reading index statistics"}
     */
    public static <T> T withConnection(DataSource dataSource, String whatIsBeingDone, SqlFunction<Connection, T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbOptException(CoreErrorCode.CONNECTION_FAILED, "Cannot get a connection for "
                    + whatIsBeingDone + " (" + SqlErrors.classify(e) + "): check that the database is reachable", e);
        }
        try (connection) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw DbOptException.sqlFailed(whatIsBeingDone, e);
        }
    }
}
