package io.dbopt.core;

/** The server products dbopt recognises. */
public enum DatabaseProduct {
    /** PostgreSQL 12 or later. */
    POSTGRESQL("PostgreSQL", ServerVersion.of(12, 0, 0)),
    /** MariaDB 10.5 or later. */
    MARIADB("MariaDB", ServerVersion.of(10, 5, 0)),
    /** MySQL 8.0 or later: recognised and served by {@link MariaDbDialect} where the two agree. */
    MYSQL("MySQL", ServerVersion.of(8, 0, 0));

    private final String displayName;
    private final ServerVersion minimumVersion;

    DatabaseProduct(String displayName, ServerVersion minimumVersion) {
        this.displayName = displayName;
        this.minimumVersion = minimumVersion;
    }

    /** The product's own name, e.g. {@code "MariaDB"}. */
    public String displayName() {
        return displayName;
    }

    /** The oldest version dbopt supports. */
    public ServerVersion minimumVersion() {
        return minimumVersion;
    }
}
