package io.dbopt.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement whose executions are recorded, each with the hash of its bound values and, when sampled, the
 * values themselves (see {@link BindingPreparedStatement}); each statement of a batch is recorded on its own. Not
 * meant for concurrent use.
 */
class ProfiledPreparedStatement extends BindingPreparedStatement {

    ProfiledPreparedStatement(ProfiledConnection connection, PreparedStatement prepared, String sql) {
        super(connection, prepared, sql);
    }

    // ---- execution --------------------------------------------------------------------------------------------

    @Override
    public ResultSet executeQuery() throws SQLException {
        beforeExecute();
        Shape s = currentShape();
        long hash = parameterHash;
        Object[] kept = takeValues(s);
        long start = System.nanoTime();
        ResultSet rs;
        try {
            rs = prepared.executeQuery();
        } catch (SQLException e) {
            throw failed(e, s, start, hash, sql, kept);
        }
        return queried(rs, s, start, hash, sql, kept);
    }

    @Override
    public int executeUpdate() throws SQLException {
        beforeExecute();
        Shape s = currentShape();
        long hash = parameterHash;
        Object[] kept = takeValues(s);
        long start = System.nanoTime();
        int count;
        try {
            count = prepared.executeUpdate();
        } catch (SQLException e) {
            throw failed(e, s, start, hash, sql, kept);
        }
        updated(count, s, start, hash, sql, kept);
        return count;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        beforeExecute();
        Shape s = currentShape();
        long hash = parameterHash;
        Object[] kept = takeValues(s);
        long start = System.nanoTime();
        long count;
        try {
            count = prepared.executeLargeUpdate();
        } catch (SQLException e) {
            throw failed(e, s, start, hash, sql, kept);
        }
        updated(count, s, start, hash, sql, kept);
        return count;
    }

    @Override
    public boolean execute() throws SQLException {
        beforeExecute();
        Shape s = currentShape();
        long hash = parameterHash;
        Object[] kept = takeValues(s);
        long start = System.nanoTime();
        boolean hasResult;
        try {
            hasResult = prepared.execute();
        } catch (SQLException e) {
            throw failed(e, s, start, hash, sql, kept);
        }
        return executed(hasResult, s, start, hash, sql, kept);
    }

    @Override
    public void addBatch() throws SQLException {
        prepared.addBatch();
        addToBatch(currentShape());
        rebind = true;
    }

    @Override
    public void clearParameters() throws SQLException {
        prepared.clearParameters();
        rebind = true;
        anyBound = false;
        values = null;
        valueCount = 0;
    }
}
