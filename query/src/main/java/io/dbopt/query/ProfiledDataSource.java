package io.dbopt.query;

import io.dbopt.core.jdbc.ForwardingDataSource;
import io.dbopt.query.jdbc.ProfiledConnection;
import io.dbopt.query.recording.Recorder;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections record their statements into a {@link QueryProfiler}. Obtain one from
 * {@link QueryProfiler#wrap(DataSource)} or {@link QueryProfiler#instrument(DataSource)}. The wrapped data source is
 * neither closed nor changed: closing a pool stays the owner's job ({@link #delegate()} returns it). Every call other
 * than {@code getConnection} is forwarded; {@link #unwrap(Class)} answers for this class, then for the wrapped data
 * source. Thread-safe.
 */
public final class ProfiledDataSource extends ForwardingDataSource {

    private final QueryProfiler profiler;
    private final Recorder recorder;

    ProfiledDataSource(DataSource delegate, QueryProfiler profiler, Recorder recorder) {
        super(delegate);
        this.profiler = profiler;
        this.recorder = recorder;
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
    public String toString() {
        return "ProfiledDataSource[" + profiler.name() + " over " + delegate + "]";
    }
}
