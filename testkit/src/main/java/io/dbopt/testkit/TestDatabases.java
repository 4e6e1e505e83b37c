package io.dbopt.testkit;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the testkit: finds a real server per dialect and creates throwaway databases on it.
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabases.create(TestDialect.POSTGRESQL, "my-test")) {
 *     DataSource ds = db.dataSource();
 *     ...
 * } // dropped here
 * }</pre>
 *
 * Databases are named {@code dbopt_t_<label>_<yyMMddHHmmss>_<random>}; ones left behind by a killed run are dropped
 * when they are more than six hours old. Thread-safe.
 */
public final class TestDatabases {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
    private static final String PREFIX = "dbopt_t_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long STALE_HOURS = 6;
    private static final Set<String> CLEANED = Collections.synchronizedSet(new HashSet<>());

    private TestDatabases() {
    }

    /**
     * The server tests use for a dialect, found once per JVM.
     *
     * @throws TestDatabaseUnavailableException when none can be found; the message says how to provide one
     */
    public static TestServer server(TestDialect dialect) {
        return ServerLocator.locate(dialect);
    }

    /** Creates a throwaway database on the dialect's shared test server. */
    public static TestDatabase create(TestDialect dialect, String label) {
        return create(server(dialect), label);
    }

    /** Creates a throwaway database on a given server. */
    public static TestDatabase create(TestServer server, String label) {
        dropStale(server);
        String name = newName(label);
        try (Connection admin = adminConnection(server); Statement st = admin.createStatement()) {
            Dialect dialect = adminDialect(server, admin);
            if (server.dialect() == TestDialect.POSTGRESQL) {
                st.execute("CREATE DATABASE " + dialect.quote(name) + " ENCODING 'UTF8' TEMPLATE template0");
            } else {
                st.execute("CREATE DATABASE " + dialect.quote(name) + " CHARACTER SET utf8mb4");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + server + ": "
                    + e.getMessage() + ". The test user needs the CREATE DATABASE privilege", e);
        }
        LOG.debug("testkit - created {} on {}", name, server);
        return new TestDatabase(server, name);
    }

    static String newName(String label) {
        String clean = label == null ? "" : label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (clean.length() > 28) {
            clean = clean.substring(0, 28);
        }
        String random = Integer.toHexString(0x10000 + RANDOM.nextInt(0xF0000)).substring(1);
        return PREFIX + (clean.isEmpty() ? "db" : clean) + "_" + LocalDateTime.now().format(STAMP) + "_" + random;
    }

    static Connection adminConnection(TestServer server) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        return DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), props);
    }

    static Dialect adminDialect(TestServer server, Connection admin) throws SQLException {
        ServerVersion version = ServerVersion.parse(admin.getMetaData().getDatabaseProductVersion());
        return Dialect.of(server.dialect() == TestDialect.POSTGRESQL ? DatabaseProduct.POSTGRESQL
                : DatabaseProduct.MARIADB, version);
    }

    /** Drops a database, ending its sessions first. */
    static void drop(TestServer server, String name) throws SQLException {
        try (Connection admin = adminConnection(server); Statement st = admin.createStatement()) {
            Dialect dialect = adminDialect(server, admin);
            if (server.dialect() == TestDialect.POSTGRESQL) {
                if (dialect.version().isAtLeast(13, 0)) {
                    st.execute("DROP DATABASE IF EXISTS " + dialect.quote(name) + " WITH (FORCE)");
                } else {
                    try (PreparedStatement ps = admin.prepareStatement(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
                        ps.setString(1, name);
                        ps.executeQuery().close();
                    }
                    st.execute("DROP DATABASE IF EXISTS " + dialect.quote(name));
                }
            } else {
                List<Long> sessions = new ArrayList<>();
                try (PreparedStatement ps = admin.prepareStatement(
                        "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sessions.add(rs.getLong(1));
                        }
                    }
                }
                for (long id : sessions) {
                    try {
                        st.execute("KILL CONNECTION " + id); // a number, not a name or value
                    } catch (SQLException gone) {
                        LOG.debug("testkit - session {} already gone: {}", id, gone.getMessage());
                    }
                }
                st.execute("DROP DATABASE IF EXISTS " + dialect.quote(name));
            }
        }
    }

    private static void dropStale(TestServer server) {
        if (!CLEANED.add(server.host() + ":" + server.port())) {
            return;
        }
        String listSql = server.dialect() == TestDialect.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'dbopt\\_t\\_%'"
                : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'dbopt\\_t\\_%'";
        List<String> stale = new ArrayList<>();
        try (Connection admin = adminConnection(server); Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery(listSql)) {
            LocalDateTime limit = LocalDateTime.now().minusHours(STALE_HOURS);
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.split("_");
                if (parts.length < 2) {
                    continue;
                }
                String stamp = parts[parts.length - 2];
                try {
                    if (LocalDateTime.parse(stamp, STAMP).isBefore(limit)) {
                        stale.add(name);
                    }
                } catch (java.time.format.DateTimeParseException notOurs) {
                    LOG.debug("testkit - leaving {} alone: no timestamp", name);
                }
            }
        } catch (SQLException e) {
            LOG.warn("testkit - could not list stale test databases on {}: {}", server, e.getMessage());
            return;
        }
        for (String name : stale) {
            try {
                drop(server, name);
                LOG.info("testkit - dropped stale test database {}", name);
            } catch (SQLException e) {
                LOG.warn("testkit - could not drop stale test database {}: {}", name, e.getMessage());
            }
        }
    }
}
