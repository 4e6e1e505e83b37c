package io.dbopt.testkit;

import java.util.Objects;

/**
 * A server found for tests, with the administrative credentials used to create throwaway databases.
 *
 * @param dialect which server
 * @param host host name or address
 * @param port TCP port
 * @param user a user allowed to create and drop databases
 * @param password that user's password, empty when none
 * @param source how it was found, e.g. {@code "local server 127.0.0.1:5432"} (never contains the password)
 */
public record TestServer(TestDialect dialect, String host, int port, String user, String password, String source) {

    /** Validates. */
    public TestServer {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(source, "source");
    }

    /** A JDBC URL for one database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return switch (dialect) {
            case POSTGRESQL -> "jdbc:postgresql://" + host + ":" + port + "/" + database
                    + "?ApplicationName=dbopt-test&connectTimeout=10";
            case MARIADB -> "jdbc:mariadb://" + host + ":" + port + "/" + database + "?connectTimeout=10000";
        };
    }

    /** The administrative database connected to for CREATE / DROP DATABASE. */
    public String adminDatabase() {
        return dialect == TestDialect.POSTGRESQL ? "postgres" : "";
    }

    @Override
    public String toString() {
        return dialect.id() + " at " + host + ":" + port + " (" + source + ")";
    }
}
