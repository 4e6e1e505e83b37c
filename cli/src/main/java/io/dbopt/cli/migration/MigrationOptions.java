package io.dbopt.cli.migration;

import io.dbopt.cli.ConnectionOptions;
import io.dbopt.core.config.Settings;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.MigrationSet;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The URL, if one was given. */
    Optional<String> url() {
        return connection.url();
    }

    /** A data source for {@code --url}; warns when the password was typed on the command line. */
    DataSource dataSource(PrintWriter err, List<String> originalArgs) {
        if (connection.url().isEmpty()) {
            throw new IllegalArgumentException("--url is required: the JDBC URL of the database to migrate");
        }
        return connection.dataSource("dbopt-migration", err, ConnectionOptions.passwordGivenAsValue(originalArgs));
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
        Map<String, MigrationSet.Builder> builders = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException("--set '" + s + "' must be NAME=LOCATION, e.g. core=db/core");
            }
            String location = s.substring(eq + 1);
            if (!location.startsWith("classpath:") && !location.startsWith("filesystem:")) {
                location = "filesystem:" + location;
            }
            builders.computeIfAbsent(s.substring(0, eq), MigrationSet::builder).location(location);
        }
        for (String r : requires) {
            int eq = r.indexOf('=');
            int colon = r.lastIndexOf(':');
            if (eq <= 0 || colon < eq + 2 || colon == r.length() - 1) {
                throw new IllegalArgumentException("--requires '" + r + "' must be SET=OTHER:VERSION, e.g. documents=core:2");
            }
            MigrationSet.Builder b = builders.get(r.substring(0, eq));
            if (b == null) {
                throw new IllegalArgumentException("--requires names set '" + r.substring(0, eq)
                        + "', which no --set declares");
            }
            b.requires(r.substring(eq + 1, colon), r.substring(colon + 1));
        }
        Duration timeout = Settings.parseDuration("--lock-timeout", lockTimeout);
        MigrationFramework.Builder framework = MigrationFramework.configure().dataSource(dataSource).lockTimeout(timeout)
                .preserveData(preserveDataRows).onApplied(onApplied)
                .classLoader(Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : MigrationOptions.class.getClassLoader());
        builders.values().forEach(b -> framework.set(b.build()));
        return framework.load();
    }
}
