package io.dbopt.query;

import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * Mechanical delegation of the {@link CallableStatement} methods the profiler does not watch (OUT parameters,
 * getters); {@link ProfiledCallableStatement} adds parameters bound by name. Kept apart so that the profiling logic
 * stays readable.
 */
abstract class DelegatingCallableStatement extends ProfiledPreparedStatement implements CallableStatement {

    final CallableStatement callable;

    DelegatingCallableStatement(ProfiledConnection connection, CallableStatement callable, String sql) {
        super(connection, callable, sql);
        this.callable = callable;
    }

    @Override
    public Array getArray(String parameterName) throws SQLException {
        return callable.getArray(parameterName);
    }


    @Override
    public Array getArray(int parameterIndex) throws SQLException {
        return callable.getArray(parameterIndex);
    }


    @Override
    public BigDecimal getBigDecimal(String parameterName) throws SQLException {
        return callable.getBigDecimal(parameterName);
    }


    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int parameterIndex, int value1) throws SQLException {
        return callable.getBigDecimal(parameterIndex, value1);
    }


    @Override
    public BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
        return callable.getBigDecimal(parameterIndex);
    }


    @Override
    public Blob getBlob(String parameterName) throws SQLException {
        return callable.getBlob(parameterName);
    }


    @Override
    public Blob getBlob(int parameterIndex) throws SQLException {
        return callable.getBlob(parameterIndex);
    }


    @Override
    public boolean getBoolean(String parameterName) throws SQLException {
        return callable.getBoolean(parameterName);
    }


    @Override
    public boolean getBoolean(int parameterIndex) throws SQLException {
        return callable.getBoolean(parameterIndex);
    }


    @Override
    public byte getByte(String parameterName) throws SQLException {
        return callable.getByte(parameterName);
    }


    @Override
    public byte getByte(int parameterIndex) throws SQLException {
        return callable.getByte(parameterIndex);
    }


    @Override
    public byte[] getBytes(String parameterName) throws SQLException {
        return callable.getBytes(parameterName);
    }


    @Override
    public byte[] getBytes(int parameterIndex) throws SQLException {
        return callable.getBytes(parameterIndex);
    }


    @Override
    public Reader getCharacterStream(String parameterName) throws SQLException {
        return callable.getCharacterStream(parameterName);
    }


    @Override
    public Reader getCharacterStream(int parameterIndex) throws SQLException {
        return callable.getCharacterStream(parameterIndex);
    }


    @Override
    public Clob getClob(String parameterName) throws SQLException {
        return callable.getClob(parameterName);
    }


    @Override
    public Clob getClob(int parameterIndex) throws SQLException {
        return callable.getClob(parameterIndex);
    }


    @Override
    public Date getDate(String parameterName, Calendar cal) throws SQLException {
        return callable.getDate(parameterName, cal);
    }


    @Override
    public Date getDate(String parameterName) throws SQLException {
        return callable.getDate(parameterName);
    }


    @Override
    public Date getDate(int parameterIndex, Calendar cal) throws SQLException {
        return callable.getDate(parameterIndex, cal);
    }


    @Override
    public Date getDate(int parameterIndex) throws SQLException {
        return callable.getDate(parameterIndex);
    }


    @Override
    public double getDouble(String parameterName) throws SQLException {
        return callable.getDouble(parameterName);
    }


    @Override
    public double getDouble(int parameterIndex) throws SQLException {
        return callable.getDouble(parameterIndex);
    }


    @Override
    public float getFloat(String parameterName) throws SQLException {
        return callable.getFloat(parameterName);
    }


    @Override
    public float getFloat(int parameterIndex) throws SQLException {
        return callable.getFloat(parameterIndex);
    }


    @Override
    public int getInt(String parameterName) throws SQLException {
        return callable.getInt(parameterName);
    }


    @Override
    public int getInt(int parameterIndex) throws SQLException {
        return callable.getInt(parameterIndex);
    }


    @Override
    public long getLong(String parameterName) throws SQLException {
        return callable.getLong(parameterName);
    }


    @Override
    public long getLong(int parameterIndex) throws SQLException {
        return callable.getLong(parameterIndex);
    }


    @Override
    public Reader getNCharacterStream(String parameterName) throws SQLException {
        return callable.getNCharacterStream(parameterName);
    }


    @Override
    public Reader getNCharacterStream(int parameterIndex) throws SQLException {
        return callable.getNCharacterStream(parameterIndex);
    }


    @Override
    public NClob getNClob(String parameterName) throws SQLException {
        return callable.getNClob(parameterName);
    }


    @Override
    public NClob getNClob(int parameterIndex) throws SQLException {
        return callable.getNClob(parameterIndex);
    }


    @Override
    public String getNString(String parameterName) throws SQLException {
        return callable.getNString(parameterName);
    }


    @Override
    public String getNString(int parameterIndex) throws SQLException {
        return callable.getNString(parameterIndex);
    }


    @Override
    public <T> T getObject(String parameterName, Class<T> type) throws SQLException {
        return callable.getObject(parameterName, type);
    }


    @Override
    public Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
        return callable.getObject(parameterName, map);
    }


    @Override
    public Object getObject(String parameterName) throws SQLException {
        return callable.getObject(parameterName);
    }


    @Override
    public <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
        return callable.getObject(parameterIndex, type);
    }


    @Override
    public Object getObject(int parameterIndex, Map<String, Class<?>> map) throws SQLException {
        return callable.getObject(parameterIndex, map);
    }


    @Override
    public Object getObject(int parameterIndex) throws SQLException {
        return callable.getObject(parameterIndex);
    }


    @Override
    public Ref getRef(String parameterName) throws SQLException {
        return callable.getRef(parameterName);
    }


    @Override
    public Ref getRef(int parameterIndex) throws SQLException {
        return callable.getRef(parameterIndex);
    }


    @Override
    public RowId getRowId(String parameterName) throws SQLException {
        return callable.getRowId(parameterName);
    }


    @Override
    public RowId getRowId(int parameterIndex) throws SQLException {
        return callable.getRowId(parameterIndex);
    }


    @Override
    public SQLXML getSQLXML(String parameterName) throws SQLException {
        return callable.getSQLXML(parameterName);
    }


    @Override
    public SQLXML getSQLXML(int parameterIndex) throws SQLException {
        return callable.getSQLXML(parameterIndex);
    }


    @Override
    public short getShort(String parameterName) throws SQLException {
        return callable.getShort(parameterName);
    }


    @Override
    public short getShort(int parameterIndex) throws SQLException {
        return callable.getShort(parameterIndex);
    }


    @Override
    public String getString(String parameterName) throws SQLException {
        return callable.getString(parameterName);
    }


    @Override
    public String getString(int parameterIndex) throws SQLException {
        return callable.getString(parameterIndex);
    }


    @Override
    public Time getTime(String parameterName, Calendar cal) throws SQLException {
        return callable.getTime(parameterName, cal);
    }


    @Override
    public Time getTime(String parameterName) throws SQLException {
        return callable.getTime(parameterName);
    }


    @Override
    public Time getTime(int parameterIndex, Calendar cal) throws SQLException {
        return callable.getTime(parameterIndex, cal);
    }


    @Override
    public Time getTime(int parameterIndex) throws SQLException {
        return callable.getTime(parameterIndex);
    }


    @Override
    public Timestamp getTimestamp(String parameterName, Calendar cal) throws SQLException {
        return callable.getTimestamp(parameterName, cal);
    }


    @Override
    public Timestamp getTimestamp(String parameterName) throws SQLException {
        return callable.getTimestamp(parameterName);
    }


    @Override
    public Timestamp getTimestamp(int parameterIndex, Calendar cal) throws SQLException {
        return callable.getTimestamp(parameterIndex, cal);
    }


    @Override
    public Timestamp getTimestamp(int parameterIndex) throws SQLException {
        return callable.getTimestamp(parameterIndex);
    }


    @Override
    public URL getURL(String parameterName) throws SQLException {
        return callable.getURL(parameterName);
    }


    @Override
    public URL getURL(int parameterIndex) throws SQLException {
        return callable.getURL(parameterIndex);
    }


    @Override
    public void registerOutParameter(String parameterName, int value, String name2) throws SQLException {
        callable.registerOutParameter(parameterName, value, name2);
    }


    @Override
    public void registerOutParameter(String parameterName, int value1, int value2) throws SQLException {
        callable.registerOutParameter(parameterName, value1, value2);
    }


    @Override
    public void registerOutParameter(String parameterName, int value) throws SQLException {
        callable.registerOutParameter(parameterName, value);
    }


    @Override
    public void registerOutParameter(String parameterName, SQLType sQLType, String name2) throws SQLException {
        callable.registerOutParameter(parameterName, sQLType, name2);
    }


    @Override
    public void registerOutParameter(String parameterName, SQLType sQLType, int value) throws SQLException {
        callable.registerOutParameter(parameterName, sQLType, value);
    }


    @Override
    public void registerOutParameter(String parameterName, SQLType sQLType) throws SQLException {
        callable.registerOutParameter(parameterName, sQLType);
    }


    @Override
    public void registerOutParameter(int parameterIndex, int value1, String name) throws SQLException {
        callable.registerOutParameter(parameterIndex, value1, name);
    }


    @Override
    public void registerOutParameter(int parameterIndex, int value1, int value2) throws SQLException {
        callable.registerOutParameter(parameterIndex, value1, value2);
    }


    @Override
    public void registerOutParameter(int parameterIndex, int value1) throws SQLException {
        callable.registerOutParameter(parameterIndex, value1);
    }


    @Override
    public void registerOutParameter(int parameterIndex, SQLType sQLType, String name) throws SQLException {
        callable.registerOutParameter(parameterIndex, sQLType, name);
    }


    @Override
    public void registerOutParameter(int parameterIndex, SQLType sQLType, int value2) throws SQLException {
        callable.registerOutParameter(parameterIndex, sQLType, value2);
    }


    @Override
    public void registerOutParameter(int parameterIndex, SQLType sQLType) throws SQLException {
        callable.registerOutParameter(parameterIndex, sQLType);
    }


    @Override
    public boolean wasNull() throws SQLException {
        return callable.wasNull();
    }
}
