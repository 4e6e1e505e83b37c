package io.dbopt.testkit;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds one server per dialect, once per JVM, in this order: an explicit URL ({@code DBOPT_TEST_POSTGRES_URL} /
 * {@code DBOPT_TEST_MARIADB_URL}, as environment variable or system property), a local server on the default port,
 * Testcontainers when Docker is available, then an embedded server. An explicit URL that does not answer is an
 * error, not a reason to look elsewhere.
 */
final class ServerLocator {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLocator.class);
    private static final Map<TestDialect, Object> FOUND = new EnumMap<>(TestDialect.class);

    private ServerLocator() {
    }

    static synchronized TestServer locate(TestDialect dialect) {
        Object known = FOUND.get(dialect);
        if (known instanceof TestServer server) {
            return server;
        }
        if (known instanceof TestDatabaseUnavailableException failure) {
            throw new TestDatabaseUnavailableException(failure.getMessage(), failure);
        }
        try {
            TestServer server = find(dialect);
            LOG.info("testkit - using {}", server);
            FOUND.put(dialect, server);
            return server;
        } catch (TestDatabaseUnavailableException e) {
            FOUND.put(dialect, e);
            throw e;
        }
    }

    private static TestServer find(TestDialect dialect) {
        List<String> tried = new ArrayList<>();
        String explicit = setting(dialect.urlVariable());
        if (explicit != null) {
            return fromUrl(dialect, explicit);
        }
        tried.add(dialect.urlVariable() + " is not set");

        String user = firstNonNull(setting(prefix(dialect) + "_USER"), defaultUser(dialect));
        String password = firstNonNull(setting(prefix(dialect) + "_PASSWORD"), "");
        TestServer local = new TestServer(dialect, "127.0.0.1", dialect.defaultPort(), user, password,
                "local server 127.0.0.1:" + dialect.defaultPort());
        SQLException localFailure = probe(local);
        if (localFailure == null) {
            return local;
        }
        tried.add("no " + dialect.id() + " answered on 127.0.0.1:" + dialect.defaultPort() + " as " + user + " ("
                + localFailure.getMessage() + ")");

        if (ContainerServers.dockerAvailable()) {
            try {
                return ContainerServers.start(dialect);
            } catch (RuntimeException e) {
                tried.add("Testcontainers failed: " + e.getMessage());
            }
        } else {
            tried.add("Docker is not available for Testcontainers");
        }

        try {
            return EmbeddedServers.shared(dialect);
        } catch (RuntimeException | LinkageError e) {
            tried.add("embedded " + dialect.id() + " failed: " + e);
        }
        throw new TestDatabaseUnavailableException("No " + dialect.id() + " server for tests. Tried: "
                + String.join("; ", tried) + ". Provide one: set " + dialect.urlVariable()
                + "=jdbc:" + dialect.id() + "://host:port/db?user=...&password=..., or start a local server on port "
                + dialect.defaultPort() + ", or start Docker. To run without " + dialect.id()
                + " on purpose, narrow the run: -D" + TestDialect.DIALECTS_PROPERTY + "="
                + (dialect == TestDialect.POSTGRESQL ? "mariadb" : "postgresql"), null);
    }

    static TestServer fromUrl(TestDialect dialect, String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new TestDatabaseUnavailableException(dialect.urlVariable() + " must be a JDBC URL starting with "
                    + "jdbc:" + dialect.id() + "://", null);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> params = new java.util.HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq).toLowerCase(Locale.ROOT),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        String user = firstNonNull(params.get("user"), setting(prefix(dialect) + "_USER"), defaultUser(dialect));
        String password = firstNonNull(params.get("password"), setting(prefix(dialect) + "_PASSWORD"), "");
        int port = uri.getPort() > 0 ? uri.getPort() : dialect.defaultPort();
        TestServer server = new TestServer(dialect, uri.getHost(), port, user, password,
                dialect.urlVariable());
        SQLException failure = probe(server);
        if (failure != null) {
            throw new TestDatabaseUnavailableException(dialect.urlVariable() + " points at " + uri.getHost() + ":"
                    + port + " which did not accept a connection as " + user + ": " + failure.getMessage()
                    + ". Fix the URL or unset it to use a local server", failure);
        }
        return server;
    }

    /** Tries to connect to the admin database; returns the failure, or null when it worked. */
    static SQLException probe(TestServer server) {
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), props)) {
            return c.isValid(5) ? null : new SQLException("connection not valid");
        } catch (SQLException e) {
            return e;
        }
    }

    private static String prefix(TestDialect dialect) {
        return dialect == TestDialect.POSTGRESQL ? "DBOPT_TEST_POSTGRES" : "DBOPT_TEST_MARIADB";
    }

    private static String defaultUser(TestDialect dialect) {
        return dialect == TestDialect.POSTGRESQL ? "postgres" : "root";
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
