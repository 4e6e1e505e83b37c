package io.dbopt.query.jdbc;

import io.dbopt.core.jdbc.ForwardingResultSet;
import io.dbopt.query.CallSite;
import io.dbopt.query.recording.Shape;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set that counts the rows the application reads and records its statement when it is read to the end or
 * closed, whichever comes first (so a query's duration is known when it completed, and its rows with it). A
 * failure while reading records the statement as failed. {@link #getStatement()} answers the profiled statement;
 * every other call is forwarded by {@link ForwardingResultSet}. Not meant for concurrent use.
 */
final class ProfiledResultSet extends ForwardingResultSet {

    private final ProfiledStatement<?> statement;
    private final Shape shape;
    private final long nanos;
    private final long parameterHash;
    private final String sql;
    private final Object[] parameters;
    private final CallSite slowSite;
    private long rows;
    private boolean completed;

    /**
     * @param shape the statement to record when done, or null for a result set that records nothing (a further
     *     result of a multi-result execution)
     * @param slowSite where the statement ran, captured at execution when it was slow; null otherwise
     */
    ProfiledResultSet(ResultSet delegate, ProfiledStatement<?> statement, Shape shape, long nanos, long parameterHash,
                      String sql, Object[] parameters, CallSite slowSite) {
        super(delegate);
        this.statement = statement;
        this.shape = shape;
        this.nanos = nanos;
        this.parameterHash = parameterHash;
        this.sql = sql;
        this.parameters = parameters;
        this.slowSite = slowSite;
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
            rows++;
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

    /** Records the statement once. */
    void complete() {
        if (!completed) {
            completed = true;
            statement.resultCompleted(this, shape, nanos, rows, sql, parameters, slowSite);
        }
    }

    private void fail(SQLException e) {
        if (!completed) {
            completed = true;
            statement.resultFailed(this, shape, nanos, parameterHash, e, sql, parameters);
        }
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
