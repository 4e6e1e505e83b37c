package io.dbopt.query;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Mechanical delegation of the {@link Connection} methods the profiler does not watch; {@link ProfiledConnection}
 * implements statements and transactions. Kept apart so that the profiling logic stays readable.
 */
abstract class DelegatingConnection implements Connection {

    final Connection delegate;

    DelegatingConnection(Connection delegate) {
        this.delegate = delegate;
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        delegate.abort(executor);
    }

    @Override
    public void beginRequest() throws SQLException {
        delegate.beginRequest();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public Array createArrayOf(String name, Object[] elements) throws SQLException {
        return delegate.createArrayOf(name, elements);
    }

    @Override
    public Blob createBlob() throws SQLException {
        return delegate.createBlob();
    }

    @Override
    public Clob createClob() throws SQLException {
        return delegate.createClob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        return delegate.createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return delegate.createSQLXML();
    }

    @Override
    public Struct createStruct(String name, Object[] elements) throws SQLException {
        return delegate.createStruct(name, elements);
    }

    @Override
    public void endRequest() throws SQLException {
        delegate.endRequest();
    }

    @Override
    public String getCatalog() throws SQLException {
        return delegate.getCatalog();
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return delegate.getClientInfo();
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return delegate.getClientInfo(name);
    }

    @Override
    public int getHoldability() throws SQLException {
        return delegate.getHoldability();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        return delegate.getMetaData();
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return delegate.getNetworkTimeout();
    }

    @Override
    public String getSchema() throws SQLException {
        return delegate.getSchema();
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return delegate.getTransactionIsolation();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return delegate.getTypeMap();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return delegate.isReadOnly();
    }

    @Override
    public boolean isValid(int value) throws SQLException {
        return delegate.isValid(value);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        return delegate.nativeSQL(sql);
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        delegate.releaseSavepoint(savepoint);
    }

    @Override
    public void setCatalog(String name) throws SQLException {
        delegate.setCatalog(name);
    }

    @Override
    public void setClientInfo(String name0, String name1) throws SQLClientInfoException {
        delegate.setClientInfo(name0, name1);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        delegate.setClientInfo(properties);
    }

    @Override
    public void setHoldability(int value) throws SQLException {
        delegate.setHoldability(value);
    }

    @Override
    public void setNetworkTimeout(Executor executor, int value) throws SQLException {
        delegate.setNetworkTimeout(executor, value);
    }

    @Override
    public void setReadOnly(boolean value) throws SQLException {
        delegate.setReadOnly(value);
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return delegate.setSavepoint();
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return delegate.setSavepoint(name);
    }

    @Override
    public void setSchema(String name) throws SQLException {
        delegate.setSchema(name);
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey0, ShardingKey shardingKey1) throws SQLException {
        delegate.setShardingKey(shardingKey0, shardingKey1);
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey) throws SQLException {
        delegate.setShardingKey(shardingKey);
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, int value) throws SQLException {
        return delegate.setShardingKeyIfValid(shardingKey, value);
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey0, ShardingKey shardingKey1, int value) throws SQLException {
        return delegate.setShardingKeyIfValid(shardingKey0, shardingKey1, value);
    }

    @Override
    public void setTransactionIsolation(int value) throws SQLException {
        delegate.setTransactionIsolation(value);
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        delegate.setTypeMap(map);
    }
}
