package io.dbopt.query;

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
 * hash but are never kept. OUT parameters and getters are in {@link DelegatingCallableStatement}. Not meant for
 * concurrent use.
 */
final class ProfiledCallableStatement extends DelegatingCallableStatement {

    ProfiledCallableStatement(ProfiledConnection connection, CallableStatement callable, String sql) {
        super(connection, callable, sql);
    }

    // ---- binding by name --------------------------------------------------------------------------------------

    @Override
    public void setAsciiStream(String parameterName, InputStream x, int length) throws SQLException {
        callable.setAsciiStream(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setAsciiStream(String parameterName, InputStream x, long length) throws SQLException {
        callable.setAsciiStream(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setAsciiStream(String parameterName, InputStream x) throws SQLException {
        callable.setAsciiStream(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setBigDecimal(String parameterName, BigDecimal x) throws SQLException {
        callable.setBigDecimal(parameterName, x);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setBinaryStream(String parameterName, InputStream x, int length) throws SQLException {
        callable.setBinaryStream(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setBinaryStream(String parameterName, InputStream x, long length) throws SQLException {
        callable.setBinaryStream(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setBinaryStream(String parameterName, InputStream x) throws SQLException {
        callable.setBinaryStream(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setBlob(String parameterName, InputStream x, long length) throws SQLException {
        callable.setBlob(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setBlob(String parameterName, InputStream x) throws SQLException {
        callable.setBlob(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setBlob(String parameterName, Blob x) throws SQLException {
        callable.setBlob(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setBoolean(String parameterName, boolean x) throws SQLException {
        callable.setBoolean(parameterName, x);
        boundNamed(parameterName, Boolean.hashCode(x));
    }


    @Override
    public void setByte(String parameterName, byte x) throws SQLException {
        callable.setByte(parameterName, x);
        boundNamed(parameterName, x);
    }


    @Override
    public void setBytes(String parameterName, byte[] x) throws SQLException {
        callable.setBytes(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setCharacterStream(String parameterName, Reader x, int length) throws SQLException {
        callable.setCharacterStream(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setCharacterStream(String parameterName, Reader x, long length) throws SQLException {
        callable.setCharacterStream(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setCharacterStream(String parameterName, Reader x) throws SQLException {
        callable.setCharacterStream(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setClob(String parameterName, Reader x, long length) throws SQLException {
        callable.setClob(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setClob(String parameterName, Reader x) throws SQLException {
        callable.setClob(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setClob(String parameterName, Clob x) throws SQLException {
        callable.setClob(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setDate(String parameterName, Date x, Calendar cal) throws SQLException {
        callable.setDate(parameterName, x, cal);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setDate(String parameterName, Date x) throws SQLException {
        callable.setDate(parameterName, x);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setDouble(String parameterName, double x) throws SQLException {
        callable.setDouble(parameterName, x);
        boundNamed(parameterName, Double.hashCode(x));
    }


    @Override
    public void setFloat(String parameterName, float x) throws SQLException {
        callable.setFloat(parameterName, x);
        boundNamed(parameterName, Float.hashCode(x));
    }


    @Override
    public void setInt(String parameterName, int x) throws SQLException {
        callable.setInt(parameterName, x);
        boundNamed(parameterName, x);
    }


    @Override
    public void setLong(String parameterName, long x) throws SQLException {
        callable.setLong(parameterName, x);
        boundNamed(parameterName, Long.hashCode(x));
    }


    @Override
    public void setNCharacterStream(String parameterName, Reader x, long length) throws SQLException {
        callable.setNCharacterStream(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setNCharacterStream(String parameterName, Reader x) throws SQLException {
        callable.setNCharacterStream(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setNClob(String parameterName, Reader x, long length) throws SQLException {
        callable.setNClob(parameterName, x, length);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setNClob(String parameterName, Reader x) throws SQLException {
        callable.setNClob(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setNClob(String parameterName, NClob x) throws SQLException {
        callable.setNClob(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setNString(String parameterName, String x) throws SQLException {
        callable.setNString(parameterName, x);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setNull(String parameterName, int x, String typeName) throws SQLException {
        callable.setNull(parameterName, x, typeName);
        boundNamed(parameterName, 0);
    }


    @Override
    public void setNull(String parameterName, int x) throws SQLException {
        callable.setNull(parameterName, x);
        boundNamed(parameterName, 0);
    }


    @Override
    public void setObject(String parameterName, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        callable.setObject(parameterName, x, targetSqlType, scaleOrLength);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
        callable.setObject(parameterName, x, targetSqlType);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setObject(String parameterName, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        callable.setObject(parameterName, x, targetSqlType, scaleOrLength);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setObject(String parameterName, Object x, SQLType targetSqlType) throws SQLException {
        callable.setObject(parameterName, x, targetSqlType);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setObject(String parameterName, Object x) throws SQLException {
        callable.setObject(parameterName, x);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setRowId(String parameterName, RowId x) throws SQLException {
        callable.setRowId(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setSQLXML(String parameterName, SQLXML x) throws SQLException {
        callable.setSQLXML(parameterName, x);
        boundNamed(parameterName, System.identityHashCode(x));
    }


    @Override
    public void setShort(String parameterName, short x) throws SQLException {
        callable.setShort(parameterName, x);
        boundNamed(parameterName, x);
    }


    @Override
    public void setString(String parameterName, String x) throws SQLException {
        callable.setString(parameterName, x);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setTime(String parameterName, Time x, Calendar cal) throws SQLException {
        callable.setTime(parameterName, x, cal);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setTime(String parameterName, Time x) throws SQLException {
        callable.setTime(parameterName, x);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setTimestamp(String parameterName, Timestamp x, Calendar cal) throws SQLException {
        callable.setTimestamp(parameterName, x, cal);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setTimestamp(String parameterName, Timestamp x) throws SQLException {
        callable.setTimestamp(parameterName, x);
        boundNamed(parameterName, Objects.hashCode(x));
    }


    @Override
    public void setURL(String parameterName, URL x) throws SQLException {
        callable.setURL(parameterName, x);
        boundNamed(parameterName, Objects.hashCode(x));
    }
}
