package io.dbopt.query;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Objects;

/**
 * The binding half of a profiled prepared statement: every setter delegates, then folds the value into a hash of
 * this execution's parameters (so that N+1 detection can tell "same query, other parameters" from "same query
 * again") and, for sampled executions only, keeps the value for EXPLAIN or, when the user opted in, the slow log.
 * Binding costs one multiply-add; nothing is boxed unless the execution is sampled. {@link ProfiledPreparedStatement}
 * implements execution. Not meant for concurrent use.
 */
abstract class BindingPreparedStatement extends ProfiledStatement implements PreparedStatement {


    /** Stands for a value that cannot be replayed in an EXPLAIN (a stream, a LOB, an array). */
    static final Object UNREPLAYABLE = new Object() {
        @Override
        public String toString() {
            return "<unreplayable>";
        }
    };
    private static final Object[] NO_VALUES = new Object[0];

    final PreparedStatement prepared;
    final String sql;
    private Shape shape;
    long parameterHash;
    /** The next bind starts a new set of values (after an execution or addBatch). */
    boolean rebind = true;
    boolean anyBound;
    /** Values of a sampled execution, or null when this execution is not sampled. */
    Object[] values;
    int valueCount;

    BindingPreparedStatement(ProfiledConnection connection, PreparedStatement prepared, String sql) {
        super(connection, prepared);
        this.prepared = prepared;
        this.sql = sql;
        this.shape = recorder.shape(sql);
    }

    final Shape currentShape() {
        Shape s = shape;
        if (s.stats.evicted) {
            s = recorder.shape(sql);
            shape = s;
        }
        return s;
    }

    final void bound(int parameterIndex, int valueHash) {
        if (rebind) {
            rebind = false;
            parameterHash = 0;
            valueCount = 0;
            values = recorder.wantsParameters(currentShape()) ? new Object[8] : null;
        }
        anyBound = true;
        parameterHash = parameterHash * 31 + (parameterIndex * 0x9E3779B9 ^ valueHash);
    }

    final void boundNamed(String parameterName, int valueHash) {
        bound(parameterName.hashCode(), valueHash);
    }

    final void keep(int parameterIndex, Object value) {
        if (parameterIndex < 1) {
            return;
        }
        if (parameterIndex > values.length) {
            values = Arrays.copyOf(values, Math.max(parameterIndex, values.length * 2));
        }
        values[parameterIndex - 1] = value;
        valueCount = Math.max(valueCount, parameterIndex);
    }

    /** The values to record with this execution: a copy when sampled, otherwise null. */
    final Object[] takeValues(Shape s) {
        rebind = true;
        if (values != null) {
            return Arrays.copyOf(values, valueCount);
        }
        return !anyBound && recorder.wantsParameters(s) ? NO_VALUES : null;
    }

    // ---- binding: delegate, then hash (and keep when sampled) ----------------------------------------------------

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        prepared.setArray(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        prepared.setAsciiStream(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        prepared.setAsciiStream(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        prepared.setAsciiStream(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        prepared.setBigDecimal(parameterIndex, x);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        prepared.setBinaryStream(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        prepared.setBinaryStream(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        prepared.setBinaryStream(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setBlob(int parameterIndex, InputStream x, long length) throws SQLException {
        prepared.setBlob(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setBlob(int parameterIndex, InputStream x) throws SQLException {
        prepared.setBlob(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        prepared.setBlob(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        prepared.setBoolean(parameterIndex, x);
        bound(parameterIndex, Boolean.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        prepared.setByte(parameterIndex, x);
        bound(parameterIndex, x);
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        prepared.setBytes(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setCharacterStream(int parameterIndex, Reader x, int length) throws SQLException {
        prepared.setCharacterStream(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
        prepared.setCharacterStream(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setCharacterStream(int parameterIndex, Reader x) throws SQLException {
        prepared.setCharacterStream(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setClob(int parameterIndex, Reader x, long length) throws SQLException {
        prepared.setClob(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setClob(int parameterIndex, Reader x) throws SQLException {
        prepared.setClob(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        prepared.setClob(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        prepared.setDate(parameterIndex, x, cal);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        prepared.setDate(parameterIndex, x);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        prepared.setDouble(parameterIndex, x);
        bound(parameterIndex, Double.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        prepared.setFloat(parameterIndex, x);
        bound(parameterIndex, Float.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        prepared.setInt(parameterIndex, x);
        bound(parameterIndex, x);
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        prepared.setLong(parameterIndex, x);
        bound(parameterIndex, Long.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setNCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
        prepared.setNCharacterStream(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setNCharacterStream(int parameterIndex, Reader x) throws SQLException {
        prepared.setNCharacterStream(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setNClob(int parameterIndex, Reader x, long length) throws SQLException {
        prepared.setNClob(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setNClob(int parameterIndex, Reader x) throws SQLException {
        prepared.setNClob(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setNClob(int parameterIndex, NClob x) throws SQLException {
        prepared.setNClob(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setNString(int parameterIndex, String x) throws SQLException {
        prepared.setNString(parameterIndex, x);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setNull(int parameterIndex, int x, String typeName) throws SQLException {
        prepared.setNull(parameterIndex, x, typeName);
        bound(parameterIndex, 0);
        if (values != null) {
            keep(parameterIndex, null);
        }
    }


    @Override
    public void setNull(int parameterIndex, int x) throws SQLException {
        prepared.setNull(parameterIndex, x);
        bound(parameterIndex, 0);
        if (values != null) {
            keep(parameterIndex, null);
        }
    }


    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        prepared.setObject(parameterIndex, x, targetSqlType);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        prepared.setObject(parameterIndex, x, targetSqlType);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        prepared.setObject(parameterIndex, x);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        prepared.setRef(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        prepared.setRowId(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException {
        prepared.setSQLXML(parameterIndex, x);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }


    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        prepared.setShort(parameterIndex, x);
        bound(parameterIndex, x);
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        prepared.setString(parameterIndex, x);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        prepared.setTime(parameterIndex, x, cal);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        prepared.setTime(parameterIndex, x);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        prepared.setTimestamp(parameterIndex, x, cal);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        prepared.setTimestamp(parameterIndex, x);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        prepared.setURL(parameterIndex, x);
        bound(parameterIndex, Objects.hashCode(x));
        if (values != null) {
            keep(parameterIndex, x);
        }
    }


    @Override
    @Deprecated
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        prepared.setUnicodeStream(parameterIndex, x, length);
        bound(parameterIndex, System.identityHashCode(x));
        if (values != null) {
            keep(parameterIndex, UNREPLAYABLE);
        }
    }

    // ---- delegated unchanged ----------------------------------------------------------------------------------

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return prepared.getMetaData();
    }


    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return prepared.getParameterMetaData();
    }
}
