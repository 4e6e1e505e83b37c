package io.dbopt.pool.driver;

import io.dbopt.core.Redaction;
import io.dbopt.pool.PoolErrorCode;
import io.dbopt.pool.PoolException;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/** Finds the JDBC driver for a URL: a class the user names, or the one {@link DriverManager} finds. Stateless. */
public final class Drivers {

    private Drivers() {
    }

    /**
     * The driver for {@code jdbcUrl}.
     *
     * @param driverClassName a class to load instead of asking {@link DriverManager}
     * @throws PoolException with {@link PoolErrorCode#INVALID_CONFIGURATION} when the class cannot be loaded or is no
     *     driver, or no driver on the class path accepts the URL (shown redacted)
     */
    public static Driver resolve(String jdbcUrl, Optional<String> driverClassName) {
        if (driverClassName.isPresent()) {
            String name = driverClassName.get();
            try {
                Object d = Class.forName(name).getDeclaredConstructor().newInstance();
                if (!(d instanceof Driver driver)) {
                    throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Pool setting pool.driver_class_name "
                            + "= '" + name + "' is not valid: use a class implementing java.sql.Driver");
                }
                return driver;
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "Cannot load the JDBC driver " + name
                        + " (" + e + "): add its jar to the class path", e, null);
            }
        }
        try {
            return DriverManager.getDriver(jdbcUrl);
        } catch (SQLException e) {
            throw new PoolException(PoolErrorCode.INVALID_CONFIGURATION, "No JDBC driver on the class path accepts "
                    + Redaction.redactUrl(jdbcUrl) + ": add org.postgresql:postgresql or "
                    + "org.mariadb.jdbc:mariadb-java-client (or set pool.driver_class_name)", e, null);
        }
    }
}
