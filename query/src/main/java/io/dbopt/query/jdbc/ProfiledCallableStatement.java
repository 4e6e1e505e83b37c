package io.dbopt.query.jdbc;

import io.dbopt.core.jdbc.CallableStatementForwarding;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Objects;

/**
 * A callable statement, recorded like a prepared statement; parameters bound by name count towards the parameter
 * hash but are never kept (an EXPLAIN cannot replay a call). OUT parameters and their getters come from
 * {@link CallableStatementForwarding}. Not meant for concurrent use.
 */
final class ProfiledCallableStatement extends ProfiledPreparedStatement<CallableStatement>
        implements CallableStatementForwarding {

    ProfiledCallableStatement(ProfiledConnection connection, CallableStatement delegate, String sql) {
        super(connection, delegate, sql);
    }

    // ---- setters by name: forward, then hash -------------------------------------------------------------------

    @Override
    public void setAsciiStream(String parameterName, InputStream x) throws SQLException {
        delegate.setAsciiStream(parameterName, x);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream x, int length) throws SQLException {
        delegate.setAsciiStream(parameterName, x, length);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setAsciiStream(String parameterName, InputStream x, long length) throws SQLException {
        delegate.setAsciiStream(parameterName, x, length);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setBigDecimal(String parameterName, BigDecimal x) throws SQLException {
        delegate.setBigDecimal(parameterName, x);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream x) throws SQLException {
        delegate.setBinaryStream(parameterName, x);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream x, int length) throws SQLException {
        delegate.setBinaryStream(parameterName, x, length);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setBinaryStream(String parameterName, InputStream x, long length) throws SQLException {
        delegate.setBinaryStream(parameterName, x, length);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setBlob(String parameterName, Blob x) throws SQLException {
        delegate.setBlob(parameterName, x);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setBlob(String parameterName, InputStream inputStream) throws SQLException {
        delegate.setBlob(parameterName, inputStream);
        bound(parameterName.hashCode(), System.identityHashCode(inputStream));
    }

    @Override
    public void setBlob(String parameterName, InputStream inputStream, long length) throws SQLException {
        delegate.setBlob(parameterName, inputStream, length);
        bound(parameterName.hashCode(), System.identityHashCode(inputStream));
    }

    @Override
    public void setBoolean(String parameterName, boolean x) throws SQLException {
        delegate.setBoolean(parameterName, x);
        bound(parameterName.hashCode(), Boolean.hashCode(x));
    }

    @Override
    public void setByte(String parameterName, byte x) throws SQLException {
        delegate.setByte(parameterName, x);
        bound(parameterName.hashCode(), x);
    }

    @Override
    public void setBytes(String parameterName, byte[] x) throws SQLException {
        delegate.setBytes(parameterName, x);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setCharacterStream(String parameterName, Reader reader) throws SQLException {
        delegate.setCharacterStream(parameterName, reader);
        bound(parameterName.hashCode(), System.identityHashCode(reader));
    }

    @Override
    public void setCharacterStream(String parameterName, Reader reader, int length) throws SQLException {
        delegate.setCharacterStream(parameterName, reader, length);
        bound(parameterName.hashCode(), System.identityHashCode(reader));
    }

    @Override
    public void setCharacterStream(String parameterName, Reader reader, long length) throws SQLException {
        delegate.setCharacterStream(parameterName, reader, length);
        bound(parameterName.hashCode(), System.identityHashCode(reader));
    }

    @Override
    public void setClob(String parameterName, Clob x) throws SQLException {
        delegate.setClob(parameterName, x);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setClob(String parameterName, Reader reader) throws SQLException {
        delegate.setClob(parameterName, reader);
        bound(parameterName.hashCode(), System.identityHashCode(reader));
    }

    @Override
    public void setClob(String parameterName, Reader reader, long length) throws SQLException {
        delegate.setClob(parameterName, reader, length);
        bound(parameterName.hashCode(), System.identityHashCode(reader));
    }

    @Override
    public void setDate(String parameterName, Date x) throws SQLException {
        delegate.setDate(parameterName, x);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setDate(String parameterName, Date x, Calendar cal) throws SQLException {
        delegate.setDate(parameterName, x, cal);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setDouble(String parameterName, double x) throws SQLException {
        delegate.setDouble(parameterName, x);
        bound(parameterName.hashCode(), Double.hashCode(x));
    }

    @Override
    public void setFloat(String parameterName, float x) throws SQLException {
        delegate.setFloat(parameterName, x);
        bound(parameterName.hashCode(), Float.hashCode(x));
    }

    @Override
    public void setInt(String parameterName, int x) throws SQLException {
        delegate.setInt(parameterName, x);
        bound(parameterName.hashCode(), x);
    }

    @Override
    public void setLong(String parameterName, long x) throws SQLException {
        delegate.setLong(parameterName, x);
        bound(parameterName.hashCode(), Long.hashCode(x));
    }

    @Override
    public void setNCharacterStream(String parameterName, Reader value) throws SQLException {
        delegate.setNCharacterStream(parameterName, value);
        bound(parameterName.hashCode(), System.identityHashCode(value));
    }

    @Override
    public void setNCharacterStream(String parameterName, Reader value, long length) throws SQLException {
        delegate.setNCharacterStream(parameterName, value, length);
        bound(parameterName.hashCode(), System.identityHashCode(value));
    }

    @Override
    public void setNClob(String parameterName, NClob value) throws SQLException {
        delegate.setNClob(parameterName, value);
        bound(parameterName.hashCode(), System.identityHashCode(value));
    }

    @Override
    public void setNClob(String parameterName, Reader reader) throws SQLException {
        delegate.setNClob(parameterName, reader);
        bound(parameterName.hashCode(), System.identityHashCode(reader));
    }

    @Override
    public void setNClob(String parameterName, Reader reader, long length) throws SQLException {
        delegate.setNClob(parameterName, reader, length);
        bound(parameterName.hashCode(), System.identityHashCode(reader));
    }

    @Override
    public void setNString(String parameterName, String value) throws SQLException {
        delegate.setNString(parameterName, value);
        bound(parameterName.hashCode(), Objects.hashCode(value));
    }

    @Override
    public void setNull(String parameterName, int sqlType) throws SQLException {
        delegate.setNull(parameterName, sqlType);
        bound(parameterName.hashCode(), 0);
    }

    @Override
    public void setNull(String parameterName, int sqlType, String typeName) throws SQLException {
        delegate.setNull(parameterName, sqlType, typeName);
        bound(parameterName.hashCode(), 0);
    }

    @Override
    public void setObject(String parameterName, Object x) throws SQLException {
        delegate.setObject(parameterName, x);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setObject(String parameterName, Object x, SQLType targetSqlType) throws SQLException {
        delegate.setObject(parameterName, x, targetSqlType);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
        delegate.setObject(parameterName, x, targetSqlType);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setObject(String parameterName, Object x, int targetSqlType, int scale) throws SQLException {
        delegate.setObject(parameterName, x, targetSqlType, scale);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setRowId(String parameterName, RowId x) throws SQLException {
        delegate.setRowId(parameterName, x);
        bound(parameterName.hashCode(), System.identityHashCode(x));
    }

    @Override
    public void setSQLXML(String parameterName, SQLXML xmlObject) throws SQLException {
        delegate.setSQLXML(parameterName, xmlObject);
        bound(parameterName.hashCode(), System.identityHashCode(xmlObject));
    }

    @Override
    public void setShort(String parameterName, short x) throws SQLException {
        delegate.setShort(parameterName, x);
        bound(parameterName.hashCode(), x);
    }

    @Override
    public void setString(String parameterName, String x) throws SQLException {
        delegate.setString(parameterName, x);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setTime(String parameterName, Time x) throws SQLException {
        delegate.setTime(parameterName, x);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setTime(String parameterName, Time x, Calendar cal) throws SQLException {
        delegate.setTime(parameterName, x, cal);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setTimestamp(String parameterName, Timestamp x) throws SQLException {
        delegate.setTimestamp(parameterName, x);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setTimestamp(String parameterName, Timestamp x, Calendar cal) throws SQLException {
        delegate.setTimestamp(parameterName, x, cal);
        bound(parameterName.hashCode(), Objects.hashCode(x));
    }

    @Override
    public void setURL(String parameterName, URL val) throws SQLException {
        delegate.setURL(parameterName, val);
        bound(parameterName.hashCode(), Objects.hashCode(val));
    }
}
