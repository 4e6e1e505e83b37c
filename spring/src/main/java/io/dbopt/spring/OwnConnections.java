package io.dbopt.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.dbopt.core.CoreErrorCode;
import io.dbopt.core.DbOptException;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.config.Secret;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Where dbopt's own connections (the health checker's, the doctor's) go when the application gives no
 * {@code dbopt.database.url}: to the server of the application's data source, with its URL and credentials (read from
 * its HikariCP pool, else from {@code spring.datasource.url}, {@code username} and {@code password}), but never
 * through its pool.
 */
public final class OwnConnections {

    private static final Logger LOG = LoggerFactory.getLogger(OwnConnections.class);

    private OwnConnections() {
    }

    /**
     * {@code config}, with {@code database.url}, {@code database.user} and {@code database.password} taken from the
     * application's data source when {@code config} has no {@code database.url}.
     *
     * @throws DbOptException when neither says where the database is
     */
    public static DbOptConfig settings(DbOptConfig config, Optional<DataSource> application, Environment environment) {
        if (config.database().isPresent()) {
            return config;
        }
        Optional<HikariDataSource> hikari = application.flatMap(OwnConnections::hikari);
        String url = hikari.map(HikariDataSource::getJdbcUrl).orElse(environment.getProperty("spring.datasource.url"));
        if (url == null || url.isBlank()) {
            throw new DbOptException(CoreErrorCode.INVALID_CONFIGURATION, "dbopt opens its own connections for "
                    + "health checks and the doctor, and cannot tell where the database is: set dbopt.database.url "
                    + "(with dbopt.database.user and dbopt.database.password) or spring.datasource.url");
        }
        String user = hikari.isPresent() ? hikari.get().getUsername()
                : environment.getProperty("spring.datasource.username");
        String password = hikari.isPresent() ? hikari.get().getPassword()
                : environment.getProperty("spring.datasource.password");
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("database.url", url);
        if (user != null && !user.isEmpty()) {
            database.put("database.user", user);
        }
        if (password != null && !password.isEmpty()) {
            database.put("database.password", Secret.of(password));
        }
        return config.withOverrides(DbOptConfig.of(database));
    }

    /** The HikariCP pool behind {@code dataSource}, if any. */
    public static Optional<HikariDataSource> hikari(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource h) {
            return Optional.of(h);
        }
        try {
            return dataSource.isWrapperFor(HikariDataSource.class)
                    ? Optional.of(dataSource.unwrap(HikariDataSource.class)) : Optional.empty();
        } catch (SQLException e) {
            LOG.debug("{} does not unwrap to a HikariCP pool: {}", dataSource, e.toString());
            return Optional.empty();
        }
    }
}
