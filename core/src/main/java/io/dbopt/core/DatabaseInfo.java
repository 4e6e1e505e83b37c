package io.dbopt.core;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Identity of a connected server: product, version, dialect and the connection's coordinates (with the URL
 * redacted).
 *
 * @param dialect the dialect for this server
 * @param productName the product name the driver reports
 * @param productVersion the full version string the driver reports, e.g. {@code "15.20 (Debian 15.20-0+deb12u1)"}
 * @param driverName the JDBC driver's name
 * @param driverVersion the JDBC driver's version
 * @param redactedUrl the JDBC URL with passwords masked
 * @param userName the user the connection authenticated as
 * @param currentSchema the current schema (PostgreSQL) or database (MariaDB), empty when none is selected
 */
public record DatabaseInfo(Dialect dialect, String productName, String productVersion, String driverName,
                           String driverVersion, String redactedUrl, String userName, String currentSchema) {

    /** Validates that no part is null. */
    public DatabaseInfo {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(productVersion, "productVersion");
        Objects.requireNonNull(driverName, "driverName");
        Objects.requireNonNull(driverVersion, "driverVersion");
        Objects.requireNonNull(redactedUrl, "redactedUrl");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(currentSchema, "currentSchema");
    }

    /**
     * Borrows one connection, reads its metadata and returns it.
     *
     * @throws DbOptException with {@link CoreErrorCode#CONNECTION_FAILED} when no connection can be obtained
     * @throws UnsupportedDatabaseException when the server is not PostgreSQL 12+, MariaDB 10.5+ or MySQL 8+
     */
    public static DatabaseInfo detect(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            ErrorKind kind = SqlErrors.classify(e);
            throw new DbOptException(CoreErrorCode.CONNECTION_FAILED, "Cannot connect to detect the database ("
                    + kind + "): check the URL, the credentials and that the server is running", e);
        }
        try (connection) {
            return detect(connection);
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("closing the connection used to detect the database", e);
        }
    }

    /**
     * The dialect of the server behind a connection's metadata, without running any statement: safe on a connection
     * with auto-commit off, inside someone else's transaction, or when it is the only connection there is.
     *
     * @throws UnsupportedDatabaseException when the server is not PostgreSQL 12+, MariaDB 10.5+ or MySQL 8+
     * @throws SQLException when the driver cannot read its metadata
     */
    public static Dialect dialectOf(DatabaseMetaData meta) throws SQLException {
        String productName = nullToEmpty(meta.getDatabaseProductName());
        String productVersion = nullToEmpty(meta.getDatabaseProductVersion());
        DatabaseProduct product = productOf(productName, productVersion);
        ServerVersion version = versionOf(meta, productVersion, product);
        if (version.compareTo(product.minimumVersion()) < 0) {
            throw new UnsupportedDatabaseException(product.displayName() + " " + version
                    + " is older than the oldest supported, " + product.minimumVersion()
                    + ": upgrade the server to use dbopt");
        }
        return Dialect.of(product, version);
    }

    /**
     * Reads the metadata of an open connection, which stays open and unchanged. On a connection with auto-commit
     * off no statement is run (it would open a transaction the caller did not ask for), so
     * {@link #currentSchema()} is then empty.
     */
    public static DatabaseInfo detect(Connection connection) {
        try {
            DatabaseMetaData meta = connection.getMetaData();
            Dialect dialect = dialectOf(meta);
            String productName = nullToEmpty(meta.getDatabaseProductName());
            String productVersion = nullToEmpty(meta.getDatabaseProductVersion());
            return new DatabaseInfo(dialect, productName, productVersion, nullToEmpty(meta.getDriverName()),
                    nullToEmpty(meta.getDriverVersion()), Redaction.redactUrl(nullToEmpty(meta.getURL())),
                    nullToEmpty(meta.getUserName()), currentSchema(connection, dialect));
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("reading database metadata", e);
        }
    }

    private static DatabaseProduct productOf(String productName, String productVersion) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return DatabaseProduct.POSTGRESQL;
        }
        if (name.contains("mariadb") || productVersion.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return DatabaseProduct.MARIADB;
        }
        if (name.contains("mysql")) {
            return DatabaseProduct.MYSQL;
        }
        throw new UnsupportedDatabaseException("The database '" + productName + "' is not supported: dbopt works "
                + "with PostgreSQL 12+, MariaDB 10.5+ and (partly) MySQL 8+");
    }

    private static ServerVersion versionOf(DatabaseMetaData meta, String productVersion, DatabaseProduct product)
            throws SQLException {
        try {
            return ServerVersion.parse(productVersion);
        } catch (IllegalArgumentException e) {
            int major = meta.getDatabaseMajorVersion();
            if (major < 1) {
                throw new UnsupportedDatabaseException("Cannot tell the version of " + product.displayName()
                        + " from '" + productVersion + "': upgrade the JDBC driver", e);
            }
            return ServerVersion.of(major, Math.max(0, meta.getDatabaseMinorVersion()), 0);
        }
    }

    private static String currentSchema(Connection connection, Dialect dialect) throws SQLException {
        if (!connection.getAutoCommit()) {
            return "";
        }
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout(DETECT_TIMEOUT_SECONDS);
            try (ResultSet rs = st.executeQuery(dialect.currentSchemaQuery())) {
                return rs.next() ? nullToEmpty(rs.getString(1)) : "";
            }
        }
    }

    /** The time limit of the one statement detection runs (the current schema), in seconds. */
    static final int DETECT_TIMEOUT_SECONDS = 10;

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A one-line description such as {@code "PostgreSQL 15.20.0 (pgjdbc 42.7.14) as postgres"}. */
    public String describe() {
        return dialect + " as " + userName + (currentSchema.isEmpty() ? "" : " in " + currentSchema)
                + " via " + driverName + " " + driverVersion;
    }
}
