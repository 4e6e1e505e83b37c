package io.dbopt.transaction.jdbc;

import io.dbopt.core.jdbc.PreparedStatementForwarding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement that reports like a {@link RecordedStatement}, with its prepared SQL for executions without
 * SQL text; setters and metadata come from {@link PreparedStatementForwarding}. Not meant for concurrent use.
 *
 * @param <S> the driver's statement type
 */
class RecordedPreparedStatement<S extends PreparedStatement> extends RecordedStatement<S>
        implements PreparedStatementForwarding<S> {

    RecordedPreparedStatement(S delegate, String sql, StatementSink sink, Connection owner) {
        super(delegate, sql, sink, owner);
    }

    @Override
    public void addBatch() throws SQLException {
        batched(preparedSql);
        delegate.addBatch();
    }

    @Override
    public boolean execute() throws SQLException {
        started(preparedSql);
        try {
            boolean result = delegate.execute();
            ended();
            return result;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        started(preparedSql);
        try {
            ResultSet result = delegate.executeQuery();
            ended();
            return result;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        started(preparedSql);
        try {
            int result = delegate.executeUpdate();
            ended();
            return result;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        started(preparedSql);
        try {
            long result = delegate.executeLargeUpdate();
            ended();
            return result;
        } catch (SQLException e) {
            throw failed(e);
        }
    }
}
