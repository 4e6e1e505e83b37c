package io.dbopt.cli.migration;

import io.dbopt.cli.ConnectionOptions;
import io.dbopt.core.DbOptException;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.core.jdbc.DriverDataSource;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.MigrationKeys;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The database and the migration sets a migration command works on, as a picocli mixin: the doctor's
 * {@link ConnectionOptions} ({@code --url}, {@code --user}, password from {@code DBOPT_PASSWORD} or a prompt),
 * {@code --set NAME=LOCATION} and {@code --requires SET=OTHER:VERSION}.
 * A location without {@code classpath:} or {@code filesystem:} is a directory.
 */
public final class MigrationOptions {

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--set", paramLabel = "NAME=LOCATION",
            description = "A migration set and where its scripts are: core=db/core, "
                    + "core=classpath:db/core. Repeatable; the order breaks ties in the plan.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--requires", paramLabel = "SET=OTHER:VERSION",
            description = "A requirement between sets: documents=core:2. Repeatable.")
    List<String> requires = new ArrayList<>();

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Longest a migration statement waits for a table lock (default: ${DEFAULT-VALUE}).")
    String lockTimeout = "10s";

    @Option(names = "--preserve-data", paramLabel = "ROWS", defaultValue = "0",
            description = "Before a migration that drops a table or column or changes rows of an existing table, keep "
                    + "a copy of each such table with at most ROWS rows, so rollback can put them back "
                    + "(default: ${DEFAULT-VALUE}, off).")
    long preserveDataRows;

    /**
     * The socket timeout of the migration commands when {@code --socket-timeout} is not given: longer than the
     * other commands' 5 minutes, because a statement such as {@code CREATE INDEX} on a large table sends nothing
     * until it ends.
     */
    static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMinutes(30);

    /** The URL, if one was given. */
    Optional<String> url() {
        return connection.url();
    }

    /** A data source for {@code --url}; warns when the password was typed on the command line. */
    DataSource dataSource(PrintWriter err, List<String> originalArgs) {
        if (connection.url().isEmpty()) {
            throw new IllegalArgumentException("--url is required: the JDBC URL of the database to migrate");
        }
        DataSource ds = connection.dataSource("dbopt-migration", err,
                ConnectionOptions.passwordGivenAsValue(originalArgs));
        boolean given = originalArgs.stream()
                .anyMatch(a -> a.equals("--socket-timeout") || a.startsWith("--socket-timeout="));
        Duration timeout = given ? connection.socketTimeout() : DEFAULT_SOCKET_TIMEOUT;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("--socket-timeout must be positive, was " + timeout);
        }
        try {
            DriverDataSource driver = ds.unwrap(DriverDataSource.class);
            String lower = driver.url().toLowerCase(Locale.ROOT);
            // pgjdbc reads socketTimeout in seconds, MariaDB Connector/J in milliseconds; a value in the URL wins.
            // pgjdbc's connectTimeout covers the TCP connect only: loginTimeout bounds a server that accepts the
            // connection and then never answers (MariaDB's connectTimeout already covers its handshake)
            if (lower.startsWith("jdbc:postgresql:")) {
                return driver.withProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds())))
                        .withProperty("loginTimeout", "10");
            }
            if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
                return driver.withProperty("socketTimeout", Long.toString(timeout.toMillis()));
            }
            return driver;
        } catch (SQLException e) {
            throw new IllegalStateException("the connection options gave no driver data source", e);
        }
    }

    /**
     * The framework for the data source and the {@code --set}/{@code --requires} options.
     *
     * @throws IllegalArgumentException for malformed options (a usage error)
     */
    MigrationFramework framework(DataSource dataSource) {
        return framework(dataSource, applied -> { });
    }

    /** The framework, calling {@code onApplied} after each migration it applies (progress). */
    MigrationFramework framework(DataSource dataSource,
                                 java.util.function.Consumer<io.dbopt.migration.AppliedMigration> onApplied) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("Give at least one --set NAME=LOCATION, e.g. --set core=db/core");
        }
        List<String> located = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException("--set '" + s + "' must be NAME=LOCATION, e.g. core=db/core");
            }
            String location = s.substring(eq + 1);
            if (!location.startsWith("classpath:") && !location.startsWith("filesystem:")) {
                location = "filesystem:" + location;
            }
            located.add(s.substring(0, eq) + "=" + location);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(MigrationKeys.SETS.name(), located);
        settings.put(MigrationKeys.REQUIRES.name(), requires);
        settings.put(MigrationKeys.LOCK_TIMEOUT.name(), lockTimeout);
        settings.put(MigrationKeys.PRESERVE_DATA_ROWS.name(), preserveDataRows);
        DbOptConfig config;
        try {
            config = DbOptConfig.of(settings);
        } catch (DbOptException e) {
            throw new IllegalArgumentException(e.getMessage().replace(MigrationKeys.LOCK_TIMEOUT.name(),
                    "--lock-timeout"), e);
        }
        return MigrationFramework.configure().config(config).dataSource(dataSource).onApplied(onApplied)
                .classLoader(Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : MigrationOptions.class.getClassLoader())
                .load();
    }
}
