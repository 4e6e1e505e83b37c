package io.dbopt.query.jdbc;

import io.dbopt.query.recording.Recorder;
import io.dbopt.query.recording.Shape;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * A prepared statement whose executions are recorded like a {@link ProfiledStatement}'s, each with a hash of its
 * bound values (so that N+1 detection can tell "same query, other parameters" from "same query again") and, for
 * sampled executions only, the values themselves, kept for EXPLAIN or, when the user opted in, the slow log. Binding
 * costs one multiply-add; nothing is boxed unless the execution is sampled. Each statement of a batch is recorded on
 * its own. The setters are {@link BindingCapture}'s; methods it does not watch come from
 * {@link io.dbopt.core.jdbc.PreparedStatementForwarding}. Not meant for concurrent use.
 *
 * @param <S> the driver's statement type
 */
class ProfiledPreparedStatement<S extends PreparedStatement> extends ProfiledStatement<S>
        implements BindingCapture<S> {

    private static final Object[] NO_VALUES = new Object[0];
    private static final int REBIND = 1 << 31;
    private static final int ANY_BOUND = 1 << 30;
    /** Where the recorder's call-site decisions ({@link Recorder#drawSamples}) sit in {@link #bind}. */
    private static final int SAMPLES_SHIFT = 27;
    private static final int SAMPLES = (Recorder.SAMPLES_DRAWN | Recorder.SAMPLE_CALL_SITE) << SAMPLES_SHIFT;
    private static final int VALUE_COUNT = (1 << 28) - 1;

    final String sql;
    private Shape shape;
    private long parameterHash;
    /**
     * The bind state in one int (the wrapper is allocated per statement, so its fields count): {@link #REBIND} when
     * the next bind starts a new set of values (after an execution or addBatch), {@link #ANY_BOUND} once a value was
     * bound since the statement was made or its parameters cleared, in {@link #SAMPLES} the call-site decision drawn
     * with the first value of this execution (so that its execution draws no second random number), and in the low
     * bits how many values of a sampled execution {@link #values} holds.
     */
    private int bind = REBIND;
    /** Values of a sampled execution, or null when this execution is not sampled. */
    private Object[] values;

    ProfiledPreparedStatement(ProfiledConnection connection, S delegate, String sql) {
        super(connection, delegate);
        this.sql = sql;
        this.shape = connection.recorder.shape(sql);
    }

    // ---- binding ----------------------------------------------------------------------------------------------

    private Shape currentShape() {
        Shape s = shape;
        if (s.isStale()) {
            s = recorder().shape(sql);
            shape = s;
        }
        return s;
    }

    @Override
    public final boolean bound(int parameterIndex, int valueHash) {
        if (bind < 0) { // REBIND
            int samples = recorder().drawSamples(currentShape());
            bind = ANY_BOUND | (samples << SAMPLES_SHIFT & SAMPLES); // no values kept yet
            parameterHash = 0;
            values = (samples & Recorder.SAMPLE_PARAMETERS) != 0 ? new Object[8] : null;
        }
        parameterHash = parameterHash * 31 + (parameterIndex * 0x9E3779B9 ^ valueHash);
        return values != null;
    }

    @Override
    public final void keep(int parameterIndex, Object value) {
        if (parameterIndex < 1 || parameterIndex > VALUE_COUNT) {
            return; // no server takes that many parameters: the driver rejects the statement
        }
        if (parameterIndex > values.length) {
            values = Arrays.copyOf(values, Math.max(parameterIndex, values.length * 2));
        }
        values[parameterIndex - 1] = value;
        int b = bind;
        if (parameterIndex > (b & VALUE_COUNT)) {
            bind = (b & ~VALUE_COUNT) | parameterIndex;
        }
    }

    /**
     * The call-site decision drawn when this execution's first value was bound, {@link Recorder#UNDRAWN} when none was
     * bound since the last execution; read before {@link #takeValues}, which forgets it.
     */
    private int samples() {
        return (bind & SAMPLES) >>> SAMPLES_SHIFT;
    }

    /** The values to record with this execution: a copy when sampled, otherwise null. */
    private Object[] takeValues(Shape s) {
        int b = bind;
        bind = b & ~SAMPLES | REBIND; // a further execution without new values draws its own
        if (values != null) {
            return Arrays.copyOf(values, b & VALUE_COUNT);
        }
        return (b & ANY_BOUND) == 0 && recorder().wantsParameters(s) ? NO_VALUES : null;
    }

    // ---- execution --------------------------------------------------------------------------------------------

    @Override
    public ResultSet executeQuery() throws SQLException {
        beforeExecute();
        Shape s = currentShape();
        long hash = parameterHash;
        int samples = samples();
        Object[] kept = takeValues(s);
        long start = System.nanoTime();
        ResultSet rs;
        try {
            rs = delegate.executeQuery();
        } catch (SQLException e) {
            throw failed(e, s, start, hash, sql, kept);
        }
        return queried(rs, s, start, hash, sql, kept, samples);
    }

    @Override
    public int executeUpdate() throws SQLException {
        beforeExecute();
        Shape s = currentShape();
        long hash = parameterHash;
        int samples = samples();
        Object[] kept = takeValues(s);
        long start = System.nanoTime();
        int count;
        try {
            count = delegate.executeUpdate();
        } catch (SQLException e) {
            throw failed(e, s, start, hash, sql, kept);
        }
        updated(count, s, start, hash, sql, kept, samples);
        return count;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        beforeExecute();
        Shape s = currentShape();
        long hash = parameterHash;
        int samples = samples();
        Object[] kept = takeValues(s);
        long start = System.nanoTime();
        long count;
        try {
            count = delegate.executeLargeUpdate();
        } catch (SQLException e) {
            throw failed(e, s, start, hash, sql, kept);
        }
        updated(count, s, start, hash, sql, kept, samples);
        return count;
    }

    @Override
    public boolean execute() throws SQLException {
        beforeExecute();
        Shape s = currentShape();
        long hash = parameterHash;
        int samples = samples();
        Object[] kept = takeValues(s);
        long start = System.nanoTime();
        boolean hasResult;
        try {
            hasResult = delegate.execute();
        } catch (SQLException e) {
            throw failed(e, s, start, hash, sql, kept);
        }
        return executed(hasResult, s, start, hash, sql, kept, samples);
    }

    @Override
    public void addBatch() throws SQLException {
        delegate.addBatch();
        addToBatch(currentShape());
        bind = bind & ~SAMPLES | REBIND; // a batch draws its call-site sample when it executes
    }

    @Override
    public void clearParameters() throws SQLException {
        delegate.clearParameters();
        bind = REBIND; // nothing bound, no values kept
        values = null;
    }
}
