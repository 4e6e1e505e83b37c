package io.dbopt.query.jdbc;

import io.dbopt.core.jdbc.ForwardingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set that counts the rows the application reads and has its statement recorded when it is read to the end
 * or closed, whichever comes first (so a query's duration is known when it completed, and its rows with it). A
 * failure while reading records the statement as failed. What is recorded (the shape, the duration, the bound
 * values) is held by its {@link ProfiledStatement}, which has at most one result open and records it once (it
 * forgets the result when it records it): this wrapper holds only its statement and the row count, an {@code int}
 * read as unsigned and saturating at 2<sup>32</sup> − 1 rows, so that a query allocates 24 bytes here (a header and
 * three 4-byte fields). {@link #getStatement()} answers the profiled statement; every
 * other call is forwarded by {@link ForwardingResultSet}. Not meant for concurrent use.
 */
final class ProfiledResultSet extends ForwardingResultSet {

    private final ProfiledStatement<?> statement;
    /** Rows read, unsigned; stays at {@code -1} (2<sup>32</sup> − 1) once there. */
    private int rows;

    ProfiledResultSet(ResultSet delegate, ProfiledStatement<?> statement) {
        super(delegate);
        this.statement = statement;
    }

    @Override
    public boolean next() throws SQLException {
        boolean more;
        try {
            more = delegate.next();
        } catch (SQLException e) {
            fail(e);
            throw e;
        }
        if (more) {
            if (rows != -1) {
                rows++;
            }
        } else {
            complete();
        }
        return more;
    }

    @Override
    public void close() throws SQLException {
        try {
            delegate.close();
        } finally {
            complete();
        }
    }

    /** Records the statement, once: the statement records only its open result, and forgets it then. */
    void complete() {
        statement.resultCompleted(this, Integer.toUnsignedLong(rows));
    }

    private void fail(SQLException e) {
        statement.resultFailed(this, e);
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public String toString() {
        return "Profiled[" + delegate + "]";
    }
}
