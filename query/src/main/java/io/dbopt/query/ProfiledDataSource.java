package io.dbopt.query;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections record their statements into a {@link QueryProfiler}. Obtain one from
 * {@link QueryProfiler#wrap(DataSource)} or {@link QueryProfiler#instrument(DataSource)}. The wrapped data source is
 * neither closed nor changed: closing a pool stays the owner's job ({@link #delegate()} returns it).
 * {@link #unwrap(Class)} answers for this class, then asks the wrapped data source. Thread-safe.
 */
public final class ProfiledDataSource implements DataSource {

    private final DataSource delegate;
    private final QueryProfiler profiler;
    private final Recorder recorder;

    ProfiledDataSource(DataSource delegate, QueryProfiler profiler) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.profiler = profiler;
        this.recorder = profiler.recorder;
    }

    /** The profiler recording this data source's statements. */
    public QueryProfiler profiler() {
        return profiler;
    }

    /** The wrapped data source, for work that should not be recorded (dbopt's own catalog queries). */
    public DataSource delegate() {
        return delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return profiled(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return profiled(delegate.getConnection(username, password));
    }

    private Connection profiled(Connection connection) {
        recorder.learnServer(connection);
        return new ProfiledConnection(connection, recorder);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "ProfiledDataSource[" + profiler.name() + " over " + delegate + "]";
    }
}
