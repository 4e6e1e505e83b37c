package io.dbopt.query.jdbc;

import io.dbopt.core.jdbc.ForwardingStatement;
import io.dbopt.query.CallSite;
import io.dbopt.query.recording.Recorder;
import io.dbopt.query.recording.Shape;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * A statement whose executions are recorded: each {@code execute*} call is timed around the driver call; a query is
 * recorded when its result set is read to the end or closed (so its row count is known), an update at once with its
 * update count, and each statement of a batch on its own. The base of the prepared and callable statements, which
 * add their own executions and bound values; every call not about execution is forwarded by
 * {@link ForwardingStatement}. Like any JDBC statement, not meant for concurrent use.
 *
 * @param <S> the driver's statement type
 */
class ProfiledStatement<S extends Statement> extends ForwardingStatement<S> {

    private static final Shape[] NO_SHAPES = new Shape[0];

    final ProfiledConnection connection;
    final Recorder recorder;
    /** The result set handed out last, still to be recorded. */
    private ProfiledResultSet openResult;
    /** An {@code execute} that returned a result set the application has not asked for yet. */
    private Shape pendingShape;
    private long pendingNanos;
    private long pendingHash;
    private String pendingSql;
    private Object[] pendingParameters;
    private CallSite pendingSlowSite;
    private boolean updateCountRead;
    private int updateCount;
    private Shape[] batch = NO_SHAPES;
    private int batchSize;

    ProfiledStatement(ProfiledConnection connection, Recorder recorder, S delegate) {
        super(delegate);
        this.connection = connection;
        this.recorder = recorder;
    }

    // ---- recording, shared with prepared and callable statements --------------------------------------------

    /** Records what the previous execution left open, before a new one starts. */
    final void beforeExecute() {
        updateCountRead = false;
        if (openResult != null || pendingShape != null) {
            flushResults();
        }
    }

    /** Records the open result set and a pending result the application never asked for. */
    final void flushResults() {
        ProfiledResultSet open = openResult;
        if (open != null) {
            open.complete();
        }
        if (pendingShape != null) {
            Shape shape = pendingShape;
            pendingShape = null;
            recorder.completed(connection.transaction(), shape, pendingNanos, 0, pendingSql, pendingParameters,
                    pendingSlowSite);
            pendingSql = null;
            pendingParameters = null;
            pendingSlowSite = null;
        }
    }

    final ResultSet queried(ResultSet rs, Shape shape, long start, long hash, String sql, Object[] parameters) {
        long nanos = System.nanoTime() - start;
        if (rs == null) {
            recorder.executedAndCompleted(connection.transaction(), shape, nanos, 0, hash, sql, parameters);
            return null;
        }
        CallSite slowSite = recorder.executed(connection.transaction(), shape, nanos, hash);
        ProfiledResultSet wrapped = new ProfiledResultSet(rs, this, shape, nanos, hash, sql, parameters, slowSite);
        openResult = wrapped;
        connection.resultOpened(this);
        return wrapped;
    }

    final long updated(long count, Shape shape, long start, long hash, String sql, Object[] parameters) {
        recorder.executedAndCompleted(connection.transaction(), shape, System.nanoTime() - start, Math.max(0, count),
                hash, sql, parameters);
        return count;
    }

    final boolean executed(boolean hasResult, Shape shape, long start, long hash, String sql, Object[] parameters)
            throws SQLException {
        long nanos = System.nanoTime() - start;
        if (hasResult) {
            pendingShape = shape;
            pendingNanos = nanos;
            pendingHash = hash;
            pendingSql = sql;
            pendingParameters = parameters;
            pendingSlowSite = recorder.executed(connection.transaction(), shape, nanos, hash);
            connection.resultOpened(this);
        } else {
            updateCount = delegate.getUpdateCount(); // read once and kept: the driver sees a single call
            updateCountRead = true;
            recorder.executedAndCompleted(connection.transaction(), shape, nanos, Math.max(0, updateCount), hash,
                    sql, parameters);
        }
        return hasResult;
    }

    final SQLException failed(SQLException e, Shape shape, long start, long hash, String sql, Object[] parameters) {
        recorder.failed(connection.transaction(), shape, System.nanoTime() - start, hash, e, sql, parameters, true);
        return e;
    }

    /** Called by a result set when it was read to the end or closed. */
    final void resultCompleted(ProfiledResultSet rs, Shape shape, long nanos, long rows, String sql,
                               Object[] parameters, CallSite slowSite) {
        if (openResult == rs) {
            openResult = null;
        }
        if (shape != null) {
            recorder.completed(connection.transaction(), shape, nanos, rows, sql, parameters, slowSite);
        }
    }

    /** Called by a result set whose reading failed. */
    final void resultFailed(ProfiledResultSet rs, Shape shape, long nanos, long hash, SQLException e, String sql,
                            Object[] parameters) {
        if (openResult == rs) {
            openResult = null;
        }
        if (shape != null) {
            recorder.failed(connection.transaction(), shape, nanos, hash, e, sql, parameters, false);
        }
    }

    final void addToBatch(Shape shape) {
        if (batchSize == batch.length) {
            batch = Arrays.copyOf(batch, Math.max(8, batchSize * 2));
        }
        batch[batchSize++] = shape;
    }

    final void resetBatch() {
        if (batchSize > 0) {
            Arrays.fill(batch, 0, batchSize, null);
            batchSize = 0;
        }
    }

    private void batchExecuted(long start, long[] counts) {
        recorder.completedBatch(connection.transaction(), batch, batchSize, System.nanoTime() - start, counts);
        resetBatch();
    }

    private void batchFailed(long start, SQLException e) {
        recorder.failedBatch(connection.transaction(), batch, batchSize, System.nanoTime() - start, e);
        resetBatch();
    }

    private static long[] widen(int[] counts) {
        long[] wide = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            wide[i] = counts[i];
        }
        return wide;
    }

    // ---- execution with SQL text ----------------------------------------------------------------------------

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        ResultSet rs;
        try {
            rs = delegate.executeQuery(sql);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
        return queried(rs, shape, start, 0, sql, null);
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return (int) updated(delegate.executeUpdate(sql), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return (int) updated(delegate.executeUpdate(sql, autoGeneratedKeys), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return (int) updated(delegate.executeUpdate(sql, columnIndexes), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return (int) updated(delegate.executeUpdate(sql, columnNames), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return updated(delegate.executeLargeUpdate(sql), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return updated(delegate.executeLargeUpdate(sql, autoGeneratedKeys), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return updated(delegate.executeLargeUpdate(sql, columnIndexes), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return updated(delegate.executeLargeUpdate(sql, columnNames), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return executed(delegate.execute(sql), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return executed(delegate.execute(sql, autoGeneratedKeys), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return executed(delegate.execute(sql, columnIndexes), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        beforeExecute();
        Shape shape = recorder.shape(sql);
        long start = System.nanoTime();
        try {
            return executed(delegate.execute(sql, columnNames), shape, start, 0, sql, null);
        } catch (SQLException e) {
            throw failed(e, shape, start, 0, sql, null);
        }
    }

    // ---- batches --------------------------------------------------------------------------------------------

    @Override
    public void addBatch(String sql) throws SQLException {
        delegate.addBatch(sql);
        addToBatch(recorder.shape(sql));
    }

    @Override
    public void clearBatch() throws SQLException {
        delegate.clearBatch();
        resetBatch();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        beforeExecute();
        long start = System.nanoTime();
        int[] counts;
        try {
            counts = delegate.executeBatch();
        } catch (SQLException e) {
            batchFailed(start, e);
            throw e;
        }
        batchExecuted(start, widen(counts));
        return counts;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        beforeExecute();
        long start = System.nanoTime();
        long[] counts;
        try {
            counts = delegate.executeLargeBatch();
        } catch (SQLException e) {
            batchFailed(start, e);
            throw e;
        }
        batchExecuted(start, counts);
        return counts;
    }

    // ---- results --------------------------------------------------------------------------------------------

    @Override
    public ResultSet getResultSet() throws SQLException {
        if (openResult != null) {
            return openResult;
        }
        ResultSet rs = delegate.getResultSet();
        if (rs == null) {
            return null;
        }
        Shape shape = pendingShape;
        pendingShape = null;
        ProfiledResultSet wrapped = new ProfiledResultSet(rs, this, shape, pendingNanos, pendingHash, pendingSql,
                pendingParameters, pendingSlowSite);
        pendingSql = null;
        pendingParameters = null;
        pendingSlowSite = null;
        openResult = wrapped;
        return wrapped;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        flushResults();
        updateCountRead = false;
        return delegate.getMoreResults();
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        flushResults();
        updateCountRead = false;
        return delegate.getMoreResults(current);
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return updateCountRead ? updateCount : delegate.getUpdateCount();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return updateCountRead ? updateCount : delegate.getLargeUpdateCount();
    }

    @Override
    public void close() throws SQLException {
        try {
            flushResults();
        } finally {
            delegate.close();
        }
    }

    /** The profiled connection, so that statements run through it are recorded too. */
    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public String toString() {
        return "Profiled[" + delegate + "]";
    }
}
