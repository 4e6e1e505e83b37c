package io.dbopt.pool;

import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import io.dbopt.testkit.TestServer;
import io.dbopt.testkit.proxy.TcpFaultProxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared set-up of the pool tests: URLs without the testkit's own parameters, and short timeouts. */
final class PoolTests {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private PoolTests() {
    }

    /** A URL for the database without parameters, so the pool's defaults apply. */
    static String url(TestDatabase db) {
        return url(db.testDialect(), db.server().host(), db.server().port(), db.name());
    }

    /**
     * The database as the seed writes it, in SQLAlchemy's URL form: {@code postgresql://user[:password]@host:port/db}
     * for PostgreSQL, {@code mysql://...} for MariaDB.
     */
    static String sqlAlchemyUrl(TestDatabase db) {
        String scheme = db.testDialect() == TestDialect.POSTGRESQL ? "postgresql://" : "mysql://";
        String password = db.password().isEmpty() ? ""
                : ":" + java.net.URLEncoder.encode(db.password(), java.nio.charset.StandardCharsets.UTF_8);
        return scheme + db.user() + password + "@" + db.server().host() + ":" + db.server().port() + "/" + db.name();
    }

    /** The same database reached through a proxy. */
    static String url(TestDatabase db, TcpFaultProxy proxy) {
        return url(db.testDialect(), proxy.host(), proxy.port(), db.name());
    }

    static String url(TestDialect dialect, String host, int port, String database) {
        return (dialect == TestDialect.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://") + host + ":" + port + "/"
                + database;
    }

    /** A unique application name, so server-side counts see this test's sessions only. */
    static String appName(String label) {
        return "dbopt-t-" + label + "-" + SEQ.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }

    /** A builder with short timeouts and no background health check, for {@code db}. */
    static ConnectionPoolManager.Builder builder(TestDatabase db, String label) {
        return base(db, label).jdbcUrl(url(db));
    }

    static ConnectionPoolManager.Builder builder(TestDatabase db, TcpFaultProxy proxy, String label) {
        return base(db, label).jdbcUrl(url(db, proxy));
    }

    private static ConnectionPoolManager.Builder base(TestDatabase db, String label) {
        ConnectionPoolManager.Builder b = ConnectionPoolManager.builder()
                .poolName("t-" + label)
                .applicationName(appName(label))
                .username(db.user())
                .poolTimeout(Duration.ofSeconds(1))
                .connectTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .healthCheckInterval(Duration.ZERO)
                .monitorQueryTimeout(Duration.ofSeconds(3));
        if (!db.password().isEmpty()) {
            b.password(db.password());
        }
        return b;
    }

    /** Runs {@code SELECT 1} on the connection. */
    static long selectOne(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a sleep of the given length on the server. */
    static void sleepOnServer(Connection c, TestDialect dialect, Duration d) throws SQLException {
        double seconds = d.toMillis() / 1000.0;
        try (Statement st = c.createStatement()) {
            st.execute(dialect == TestDialect.POSTGRESQL ? "SELECT pg_sleep(" + seconds + ")"
                    : "SELECT SLEEP(" + seconds + ")");
        }
    }

    /** The server's id of the session behind a connection. */
    static long sessionId(Connection c, TestDialect dialect) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect == TestDialect.POSTGRESQL
                ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Ends one of this test's own sessions from another connection, as an administrator would. */
    static void terminate(TestDatabase db, long sessionId) throws SQLException {
        try (Connection admin = db.connection(); Statement st = admin.createStatement()) {
            st.execute(db.testDialect() == TestDialect.POSTGRESQL ? "SELECT pg_terminate_backend(" + sessionId + ")"
                    : "KILL " + sessionId);
        }
    }

    /** Counts the server's sessions with an application name (MariaDB: program_name attribute). */
    static long serverSessions(TestDatabase db, String application) throws SQLException {
        String sql = db.testDialect() == TestDialect.POSTGRESQL
                ? "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?"
                : "SELECT count(*) FROM performance_schema.session_connect_attrs WHERE ATTR_NAME = 'program_name' "
                        + "AND ATTR_VALUE = ?";
        try (Connection admin = db.connection(); java.sql.PreparedStatement ps = admin.prepareStatement(sql)) {
            ps.setString(1, application);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A raw connection straight to a server, outside any pool. */
    static Connection raw(TestServer server, String database, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url(server.dialect(), server.host(), server.port(), database), p);
    }
}
