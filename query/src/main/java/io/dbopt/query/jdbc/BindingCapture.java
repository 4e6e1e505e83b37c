package io.dbopt.query.jdbc;

import io.dbopt.core.jdbc.PreparedStatementForwarding;
import io.dbopt.query.recording.Recorder;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Objects;

/**
 * The binding capture of a profiled prepared statement: every setter by index forwards to the driver, then folds the
 * value into the execution's parameter hash and, when the execution is sampled, keeps it (values an EXPLAIN can
 * replay as they are; streams, LOBs and arrays as {@link Recorder#UNREPLAYABLE}). Nothing is boxed unless the
 * execution is sampled. Mixed into {@link ProfiledPreparedStatement}, which holds the state; the other
 * prepared-statement methods come from {@link PreparedStatementForwarding}.
 *
 * @param <S> the driver's statement type
 */
interface BindingCapture<S extends PreparedStatement> extends PreparedStatementForwarding<S> {

    /** Folds one bound value into the execution's parameter hash; true when this execution keeps its values. */
    boolean bound(int parameterIndex, int valueHash);

    /** Keeps a value of a sampled execution. */
    void keep(int parameterIndex, Object value);

    /** A value an EXPLAIN can replay: hashed by value, kept when sampled. */
    private void value(int parameterIndex, Object x) {
        if (bound(parameterIndex, Objects.hashCode(x))) {
            keep(parameterIndex, x);
        }
    }

    /** A stream, LOB or array: hashed by identity, never replayed. */
    private void opaque(int parameterIndex, Object x) {
        if (bound(parameterIndex, System.identityHashCode(x))) {
            keep(parameterIndex, Recorder.UNREPLAYABLE);
        }
    }

    @Override
    default void setArray(int parameterIndex, Array x) throws SQLException {
        delegate().setArray(parameterIndex, x);
        opaque(parameterIndex, x);
    }

    @Override
    default void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        delegate().setAsciiStream(parameterIndex, x);
        opaque(parameterIndex, x);
    }

    @Override
    default void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        delegate().setAsciiStream(parameterIndex, x, length);
        opaque(parameterIndex, x);
    }

    @Override
    default void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        delegate().setAsciiStream(parameterIndex, x, length);
        opaque(parameterIndex, x);
    }

    @Override
    default void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        delegate().setBigDecimal(parameterIndex, x);
        value(parameterIndex, x);
    }

    @Override
    default void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        delegate().setBinaryStream(parameterIndex, x);
        opaque(parameterIndex, x);
    }

    @Override
    default void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        delegate().setBinaryStream(parameterIndex, x, length);
        opaque(parameterIndex, x);
    }

    @Override
    default void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        delegate().setBinaryStream(parameterIndex, x, length);
        opaque(parameterIndex, x);
    }

    @Override
    default void setBlob(int parameterIndex, Blob x) throws SQLException {
        delegate().setBlob(parameterIndex, x);
        opaque(parameterIndex, x);
    }

    @Override
    default void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        delegate().setBlob(parameterIndex, inputStream);
        opaque(parameterIndex, inputStream);
    }

    @Override
    default void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        delegate().setBlob(parameterIndex, inputStream, length);
        opaque(parameterIndex, inputStream);
    }

    @Override
    default void setBoolean(int parameterIndex, boolean x) throws SQLException {
        delegate().setBoolean(parameterIndex, x);
        if (bound(parameterIndex, Boolean.hashCode(x))) {
            keep(parameterIndex, x);
        }
    }

    @Override
    default void setByte(int parameterIndex, byte x) throws SQLException {
        delegate().setByte(parameterIndex, x);
        if (bound(parameterIndex, x)) {
            keep(parameterIndex, x);
        }
    }

    @Override
    default void setBytes(int parameterIndex, byte[] x) throws SQLException {
        delegate().setBytes(parameterIndex, x);
        if (bound(parameterIndex, System.identityHashCode(x))) {
            keep(parameterIndex, x);
        }
    }

    @Override
    default void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        delegate().setCharacterStream(parameterIndex, reader);
        opaque(parameterIndex, reader);
    }

    @Override
    default void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        delegate().setCharacterStream(parameterIndex, reader, length);
        opaque(parameterIndex, reader);
    }

    @Override
    default void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        delegate().setCharacterStream(parameterIndex, reader, length);
        opaque(parameterIndex, reader);
    }

    @Override
    default void setClob(int parameterIndex, Clob x) throws SQLException {
        delegate().setClob(parameterIndex, x);
        opaque(parameterIndex, x);
    }

    @Override
    default void setClob(int parameterIndex, Reader reader) throws SQLException {
        delegate().setClob(parameterIndex, reader);
        opaque(parameterIndex, reader);
    }

    @Override
    default void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        delegate().setClob(parameterIndex, reader, length);
        opaque(parameterIndex, reader);
    }

    @Override
    default void setDate(int parameterIndex, Date x) throws SQLException {
        delegate().setDate(parameterIndex, x);
        value(parameterIndex, x);
    }

    @Override
    default void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        delegate().setDate(parameterIndex, x, cal);
        value(parameterIndex, x);
    }

    @Override
    default void setDouble(int parameterIndex, double x) throws SQLException {
        delegate().setDouble(parameterIndex, x);
        if (bound(parameterIndex, Double.hashCode(x))) {
            keep(parameterIndex, x);
        }
    }

    @Override
    default void setFloat(int parameterIndex, float x) throws SQLException {
        delegate().setFloat(parameterIndex, x);
        if (bound(parameterIndex, Float.hashCode(x))) {
            keep(parameterIndex, x);
        }
    }

    @Override
    default void setInt(int parameterIndex, int x) throws SQLException {
        delegate().setInt(parameterIndex, x);
        if (bound(parameterIndex, x)) {
            keep(parameterIndex, x);
        }
    }

    @Override
    default void setLong(int parameterIndex, long x) throws SQLException {
        delegate().setLong(parameterIndex, x);
        if (bound(parameterIndex, Long.hashCode(x))) {
            keep(parameterIndex, x);
        }
    }

    @Override
    default void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        delegate().setNCharacterStream(parameterIndex, value);
        opaque(parameterIndex, value);
    }

    @Override
    default void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        delegate().setNCharacterStream(parameterIndex, value, length);
        opaque(parameterIndex, value);
    }

    @Override
    default void setNClob(int parameterIndex, NClob value) throws SQLException {
        delegate().setNClob(parameterIndex, value);
        opaque(parameterIndex, value);
    }

    @Override
    default void setNClob(int parameterIndex, Reader reader) throws SQLException {
        delegate().setNClob(parameterIndex, reader);
        opaque(parameterIndex, reader);
    }

    @Override
    default void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        delegate().setNClob(parameterIndex, reader, length);
        opaque(parameterIndex, reader);
    }

    @Override
    default void setNString(int parameterIndex, String value) throws SQLException {
        delegate().setNString(parameterIndex, value);
        value(parameterIndex, value);
    }

    @Override
    default void setNull(int parameterIndex, int sqlType) throws SQLException {
        delegate().setNull(parameterIndex, sqlType);
        if (bound(parameterIndex, 0)) {
            keep(parameterIndex, null);
        }
    }

    @Override
    default void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        delegate().setNull(parameterIndex, sqlType, typeName);
        if (bound(parameterIndex, 0)) {
            keep(parameterIndex, null);
        }
    }

    @Override
    default void setObject(int parameterIndex, Object x) throws SQLException {
        delegate().setObject(parameterIndex, x);
        value(parameterIndex, x);
    }

    @Override
    default void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        delegate().setObject(parameterIndex, x, targetSqlType);
        value(parameterIndex, x);
    }

    @Override
    default void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        delegate().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        value(parameterIndex, x);
    }

    @Override
    default void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        delegate().setObject(parameterIndex, x, targetSqlType);
        value(parameterIndex, x);
    }

    @Override
    default void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        delegate().setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        value(parameterIndex, x);
    }

    @Override
    default void setRef(int parameterIndex, Ref x) throws SQLException {
        delegate().setRef(parameterIndex, x);
        opaque(parameterIndex, x);
    }

    @Override
    default void setRowId(int parameterIndex, RowId x) throws SQLException {
        delegate().setRowId(parameterIndex, x);
        opaque(parameterIndex, x);
    }

    @Override
    default void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        delegate().setSQLXML(parameterIndex, xmlObject);
        opaque(parameterIndex, xmlObject);
    }

    @Override
    default void setShort(int parameterIndex, short x) throws SQLException {
        delegate().setShort(parameterIndex, x);
        if (bound(parameterIndex, x)) {
            keep(parameterIndex, x);
        }
    }

    @Override
    default void setString(int parameterIndex, String x) throws SQLException {
        delegate().setString(parameterIndex, x);
        value(parameterIndex, x);
    }

    @Override
    default void setTime(int parameterIndex, Time x) throws SQLException {
        delegate().setTime(parameterIndex, x);
        value(parameterIndex, x);
    }

    @Override
    default void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        delegate().setTime(parameterIndex, x, cal);
        value(parameterIndex, x);
    }

    @Override
    default void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        delegate().setTimestamp(parameterIndex, x);
        value(parameterIndex, x);
    }

    @Override
    default void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        delegate().setTimestamp(parameterIndex, x, cal);
        value(parameterIndex, x);
    }

    @Override
    default void setURL(int parameterIndex, URL x) throws SQLException {
        delegate().setURL(parameterIndex, x);
        value(parameterIndex, x);
    }

    @Override
    @Deprecated
    default void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        delegate().setUnicodeStream(parameterIndex, x, length);
        opaque(parameterIndex, x);
    }
}
