package io.dbopt.migration.guard;

import io.dbopt.core.jdbc.PreparedStatementForwarding;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement of a {@link GuardedConnection}: its executions, too, go through the healer. Not thread-safe.
 *
 * @param <S> the type of the wrapped statement
 */
class GuardedPreparedStatement<S extends PreparedStatement> extends GuardedStatement<S>
        implements PreparedStatementForwarding<S> {

    GuardedPreparedStatement(S delegate, GuardedConnection connection) {
        super(delegate, connection);
    }

    @Override
    public boolean execute() throws SQLException {
        return connection.execute(delegate::execute);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return connection.execute(delegate::executeQuery);
    }

    @Override
    public int executeUpdate() throws SQLException {
        return connection.execute(delegate::executeUpdate);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return connection.execute(delegate::executeLargeUpdate);
    }
}
