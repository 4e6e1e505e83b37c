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
    /** {@link #updateCount} when no update count was read: no driver answers it ({@code -1} means "none"). */
    private static final int UNREAD = Integer.MIN_VALUE;

    final ProfiledConnection connection;
    /** The result set handed out last, still to be recorded. */
    private ProfiledResultSet openResult;
    /**
     * The execution whose result is still to be recorded: the one {@link #openResult} reads, or an {@code execute}
     * that returned a result set the application has not asked for yet (then {@code openResult} is null). Null when
     * there is none, or when the open result is a further result of a multi-result execution (recorded with the
     * first). Held here rather than in the result set so that a query allocates a smaller wrapper.
     */
    private Shape resultShape;
    private long resultNanos;
    private String resultSql;
    private Object[] resultParameters;
    private CallSite resultSlowSite;
    /** The update count of the last {@code execute} without a result, or {@link #UNREAD} when none was read. */
    private int updateCount = UNREAD;
    /** The statements added to the batch, null until the first {@code addBatch}: few statements are batched. */
    private Batch batch;

    /**
     * Wraps a statement of {@code connection}, whose recorder records it. The wrapper keeps no field it can reach
     * through its connection or does not need (the recorder, a parameter hash of the open result): a statement
     * wrapper is what the profiler allocates per statement, so every field counts.
     */
    ProfiledStatement(ProfiledConnection connection, S delegate) {
        super(delegate);
        this.connection = connection;
    }

    /** The recorder of this statement's connection. */
    final Recorder recorder() {
        return connection.recorder;
    }

    // ---- recording, shared with prepared and callable statements --------------------------------------------

    /** Records what the previous execution left open, before a new one starts. */
    final void beforeExecute() {
        updateCount = UNREAD;
        if (openResult != null || resultShape != null) {
            flushResults();
        }
    }

    /** Records the open result set and a pending result the application never asked for. */
    final void flushResults() {
        ProfiledResultSet open = openResult;
        if (open != null) {
            open.complete(); // records the execution it reads, through resultCompleted
            openResult = null;
        }
        if (resultShape != null) {
            recordResult(0);
        }
    }

    /** Remembers an execution whose result is recorded once it was read (or never asked for). */
    private void resultPending(Shape shape, long nanos, String sql, Object[] parameters, CallSite slowSite) {
        resultShape = shape;
        resultNanos = nanos;
        resultSql = sql;
        resultParameters = parameters;
        resultSlowSite = slowSite;
    }

    /** Records the execution whose result was read, with its rows, and forgets it. */
    private void recordResult(long rows) {
        Shape shape = resultShape;
        String sql = resultSql;
        Object[] parameters = resultParameters;
        CallSite slowSite = resultSlowSite;
        forgetResult();
        recorder().completed(connection.transaction(), shape, resultNanos, rows, sql, parameters, slowSite);
    }

    private void forgetResult() {
        resultShape = null;
        resultSql = null;
        resultParameters = null;
        resultSlowSite = null;
    }

    final ResultSet queried(ResultSet rs, Shape shape, long start, long hash, String sql, Object[] parameters) {
        return queried(rs, shape, start, hash, sql, parameters, Recorder.UNDRAWN);
    }

    /** @param samples what the recorder drew for this execution when its values were bound (see {@link Recorder}) */
    final ResultSet queried(ResultSet rs, Shape shape, long start, long hash, String sql, Object[] parameters,
                            int samples) {
        long nanos = System.nanoTime() - start;
        if (rs == null) {
            recorder().executedAndCompleted(connection.transaction(), shape, nanos, 0, hash, sql, parameters,
                    samples);
            return null;
        }
        CallSite slowSite = recorder().executed(connection.transaction(), shape, nanos, hash, samples);
        resultPending(shape, nanos, sql, parameters, slowSite);
        ProfiledResultSet wrapped = new ProfiledResultSet(rs, this);
        openResult = wrapped;
        connection.resultOpened(this);
        return wrapped;
    }

    final long updated(long count, Shape shape, long start, long hash, String sql, Object[] parameters) {
        return updated(count, shape, start, hash, sql, parameters, Recorder.UNDRAWN);
    }

    /** @param samples what the recorder drew for this execution when its values were bound (see {@link Recorder}) */
    final long updated(long count, Shape shape, long start, long hash, String sql, Object[] parameters,
                       int samples) {
        recorder().executedAndCompleted(connection.transaction(), shape, System.nanoTime() - start, Math.max(0, count),
                hash, sql, parameters, samples);
        return count;
    }

    final boolean executed(boolean hasResult, Shape shape, long start, long hash, String sql, Object[] parameters)
            throws SQLException {
        return executed(hasResult, shape, start, hash, sql, parameters, Recorder.UNDRAWN);
    }

    /** @param samples what the recorder drew for this execution when its values were bound (see {@link Recorder}) */
    final boolean executed(boolean hasResult, Shape shape, long start, long hash, String sql, Object[] parameters,
                           int samples) throws SQLException {
        long nanos = System.nanoTime() - start;
        if (hasResult) {
            resultPending(shape, nanos, sql, parameters, recorder().executed(connection.transaction(), shape, nanos,
                    hash, samples));
            connection.resultOpened(this);
        } else {
            int count = delegate.getUpdateCount(); // read once and kept: the driver sees a single call
            updateCount = count;
            recorder().executedAndCompleted(connection.transaction(), shape, nanos, Math.max(0, count), hash, sql,
                    parameters, samples);
        }
        return hasResult;
    }

    final SQLException failed(SQLException e, Shape shape, long start, long hash, String sql, Object[] parameters) {
        recorder().failed(connection.transaction(), shape, System.nanoTime() - start, hash, e, sql, parameters, true);
        return e;
    }

    /**
     * Called by a result set when it was read to the end or closed. Only the open result records: any other was
     * completed when the execution after it started (or the next result was asked for).
     */
    final void resultCompleted(ProfiledResultSet rs, long rows) {
        if (openResult != rs) {
            return;
        }
        openResult = null;
        if (resultShape != null) {
            recordResult(rows);
        }
    }

    /** Called by a result set whose reading failed. */
    final void resultFailed(ProfiledResultSet rs, SQLException e) {
        if (openResult != rs) {
            return;
        }
        openResult = null;
        Shape shape = resultShape;
        if (shape != null) {
            String sql = resultSql;
            Object[] parameters = resultParameters;
            forgetResult();
            // failed while reading: not counted towards N+1 again, so no parameter hash is needed
            recorder().failed(connection.transaction(), shape, resultNanos, 0, e, sql, parameters, false);
        }
    }

    final void addToBatch(Shape shape) {
        Batch b = batch;
        if (b == null) {
            b = new Batch();
            batch = b;
        }
        if (b.size == b.shapes.length) {
            b.shapes = Arrays.copyOf(b.shapes, Math.max(8, b.size * 2));
        }
        b.shapes[b.size++] = shape;
    }

    final void resetBatch() {
        Batch b = batch;
        if (b != null && b.size > 0) {
            Arrays.fill(b.shapes, 0, b.size, null);
            b.size = 0;
        }
    }

    private void batchExecuted(long start, long[] counts) {
        Batch b = batch;
        recorder().completedBatch(connection.transaction(), b != null ? b.shapes : NO_SHAPES, b != null ? b.size : 0,
                System.nanoTime() - start, counts);
        resetBatch();
    }

    private void batchFailed(long start, SQLException e) {
        Batch b = batch;
        recorder().failedBatch(connection.transaction(), b != null ? b.shapes : NO_SHAPES, b != null ? b.size : 0,
                System.nanoTime() - start, e);
        resetBatch();
    }

    /** The shapes of the statements added to a batch, in order. */
    private static final class Batch {
        Shape[] shapes = NO_SHAPES;
        int size;
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        Shape shape = recorder().shape(sql);
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
        addToBatch(recorder().shape(sql));
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
        ProfiledResultSet wrapped = new ProfiledResultSet(rs, this); // records the pending execution, if any
        openResult = wrapped;
        return wrapped;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        flushResults();
        updateCount = UNREAD;
        return delegate.getMoreResults();
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        flushResults();
        updateCount = UNREAD;
        return delegate.getMoreResults(current);
    }

    @Override
    public int getUpdateCount() throws SQLException {
        int count = updateCount;
        return count != UNREAD ? count : delegate.getUpdateCount();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        int count = updateCount;
        return count != UNREAD ? count : delegate.getLargeUpdateCount();
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
