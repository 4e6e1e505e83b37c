package io.dbopt.testkit;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.jdbc.DriverDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A throwaway database on a real server, dropped by {@link #close()} (idempotent). Its {@link #dataSource()} opens a
 * new physical connection per call, with no pool, so tests see the server's behaviour unaltered. Thread-safe.
 */
public final class TestDatabase implements AutoCloseable {

    private final TestServer server;
    private final String name;
    private final DataSource dataSource;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Dialect dialect;

    TestDatabase(TestServer server, String name) {
        this.server = server;
        this.name = name;
        this.dataSource = DriverDataSource.of(server.jdbcUrl(name)).withUser(server.user())
                .withPassword(server.password().toCharArray());
    }

    /** The database name. */
    public String name() {
        return name;
    }

    /** The server it lives on. */
    public TestServer server() {
        return server;
    }

    /** Which kind of server. */
    public TestDialect testDialect() {
        return server.dialect();
    }

    /** A JDBC URL for this database, without credentials. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The user tests connect as. */
    public String user() {
        return server.user();
    }

    /** That user's password, empty when none. */
    public String password() {
        return server.password();
    }

    /** A data source opening a new connection per call. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Opens a new connection; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** The core dialect of the server, detected once. */
    public Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            d = DatabaseInfo.detect(dataSource).dialect();
            dialect = d;
        }
        return d;
    }

    /** Runs statements in order on one connection (DDL, inserts without parameters). */
    public void execute(String... statements) {
        try (Connection c = connection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed in test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query returning one number, e.g. {@code SELECT count(*) FROM t}. */
    public long queryLong(String sql) {
        try (Connection c = connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("Query returned no row: " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed in test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether the database still exists on the server (false after {@link #close()}). */
    public boolean exists() {
        String sql = server.dialect() == TestDialect.POSTGRESQL
                ? "SELECT count(*) FROM pg_database WHERE datname = ?"
                : "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
        try (Connection admin = TestDatabases.adminConnection(server);
             java.sql.PreparedStatement ps = admin.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check whether " + name + " exists: " + e.getMessage(), e);
        }
    }

    /** Drops the database, ending any session still connected to it. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                TestDatabases.drop(server, name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot drop test database " + name + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return name + " on " + server;
    }
}
