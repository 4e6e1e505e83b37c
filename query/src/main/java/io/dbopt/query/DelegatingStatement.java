package io.dbopt.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * Mechanical delegation of the {@link Statement} methods the profiler does not watch (settings, warnings, generated
 * keys); {@link ProfiledStatement} implements execution. Kept apart so that the profiling logic stays readable.
 */
abstract class DelegatingStatement implements Statement {

    final Statement delegate;

    DelegatingStatement(Statement delegate) {
        this.delegate = delegate;
    }

    @Override
    public void cancel() throws SQLException {
        delegate.cancel();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        delegate.closeOnCompletion();
    }

    @Override
    public String enquoteIdentifier(String name, boolean value) throws SQLException {
        return delegate.enquoteIdentifier(name, value);
    }

    @Override
    public String enquoteLiteral(String name) throws SQLException {
        return delegate.enquoteLiteral(name);
    }

    @Override
    public String enquoteNCharLiteral(String name) throws SQLException {
        return delegate.enquoteNCharLiteral(name);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return delegate.getFetchDirection();
    }

    @Override
    public int getFetchSize() throws SQLException {
        return delegate.getFetchSize();
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        return delegate.getGeneratedKeys();
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return delegate.getLargeMaxRows();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return delegate.getMaxFieldSize();
    }

    @Override
    public int getMaxRows() throws SQLException {
        return delegate.getMaxRows();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return delegate.getQueryTimeout();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return delegate.getResultSetConcurrency();
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return delegate.getResultSetHoldability();
    }

    @Override
    public int getResultSetType() throws SQLException {
        return delegate.getResultSetType();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return delegate.isCloseOnCompletion();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return delegate.isPoolable();
    }

    @Override
    public boolean isSimpleIdentifier(String name) throws SQLException {
        return delegate.isSimpleIdentifier(name);
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        delegate.setCursorName(name);
    }

    @Override
    public void setEscapeProcessing(boolean value) throws SQLException {
        delegate.setEscapeProcessing(value);
    }

    @Override
    public void setFetchDirection(int value) throws SQLException {
        delegate.setFetchDirection(value);
    }

    @Override
    public void setFetchSize(int value) throws SQLException {
        delegate.setFetchSize(value);
    }

    @Override
    public void setLargeMaxRows(long value) throws SQLException {
        delegate.setLargeMaxRows(value);
    }

    @Override
    public void setMaxFieldSize(int value) throws SQLException {
        delegate.setMaxFieldSize(value);
    }

    @Override
    public void setMaxRows(int value) throws SQLException {
        delegate.setMaxRows(value);
    }

    @Override
    public void setPoolable(boolean value) throws SQLException {
        delegate.setPoolable(value);
    }

    @Override
    public void setQueryTimeout(int value) throws SQLException {
        delegate.setQueryTimeout(value);
    }
}
