package io.dbopt.core.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A connection whose every new statement starts with a time limit ({@link Statement#setQueryTimeout}, whole seconds
 * rounded up), for the catalog and analysis statements dbopt runs on its own behalf: a slow or locked catalog then
 * ends the statement instead of hanging the caller. A caller may still set another limit on a statement it created.
 * Closing it closes the connection underneath; not thread-safe beyond what the driver's connection is.
 */
public final class TimedConnection extends StatementHookConnection {

    private final int seconds;

    private TimedConnection(Connection delegate, int seconds) {
        super(delegate);
        this.seconds = seconds;
    }

    /**
     * {@code connection} with {@code timeout} on every statement it creates.
     *
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public static Connection of(Connection connection, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("statement timeout " + timeout + " is not valid: use a positive duration");
        }
        if (connection instanceof TimedConnection timed) {
            return timed;
        }
        return new TimedConnection(connection, (int) Math.min(Integer.MAX_VALUE,
                Math.max(1, (timeout.toMillis() + 999) / 1000)));
    }

    @Override
    protected <S extends Statement> S created(S statement) throws SQLException {
        statement.setQueryTimeout(seconds);
        return statement;
    }
}
