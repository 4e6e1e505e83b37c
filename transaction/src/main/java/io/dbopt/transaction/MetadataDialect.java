package io.dbopt.transaction;

import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.Dialect;
import io.dbopt.core.ServerVersion;
import io.dbopt.core.UnsupportedDatabaseException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Detects the dialect from a borrowed connection's metadata alone, without running a query: a transaction's own
 * connection may come with auto-commit off, where any query would open a transaction, and a pool of one connection
 * has no second one to detect with. Mirrors core's {@code DatabaseInfo.detect} without the query.
 */
final class MetadataDialect {

    private MetadataDialect() {
    }

    static Dialect detect(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String name = String.valueOf(meta.getDatabaseProductName()).toLowerCase(Locale.ROOT);
        String version = String.valueOf(meta.getDatabaseProductVersion());
        DatabaseProduct product;
        if (name.contains("postgresql")) {
            product = DatabaseProduct.POSTGRESQL;
        } else if (name.contains("mariadb") || version.toLowerCase(Locale.ROOT).contains("mariadb")) {
            product = DatabaseProduct.MARIADB;
        } else if (name.contains("mysql")) {
            product = DatabaseProduct.MYSQL;
        } else {
            throw new UnsupportedDatabaseException("The database '" + meta.getDatabaseProductName() + "' is not "
                    + "supported: dbopt works with PostgreSQL, MariaDB and (partly) MySQL");
        }
        ServerVersion parsed;
        try {
            parsed = ServerVersion.parse(version);
        } catch (IllegalArgumentException e) {
            parsed = ServerVersion.of(Math.max(0, meta.getDatabaseMajorVersion()),
                    Math.max(0, meta.getDatabaseMinorVersion()), 0);
        }
        return Dialect.of(product, parsed);
    }
}
