package io.dbopt.cli.migration;

import io.dbopt.core.Redaction;
import io.dbopt.core.config.Settings;
import io.dbopt.core.jdbc.DriverDataSource;
import io.dbopt.migration.MigrationFramework;
import io.dbopt.migration.MigrationSet;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * The database and the migration sets a migration command works on, as a picocli mixin: {@code --url},
 * {@code --user}, the password from {@code DBOPT_PASSWORD} (or {@code --password-env NAME}) or a prompt
 * ({@code --password} without a value), {@code --set NAME=LOCATION} and {@code --requires SET=OTHER:VERSION}.
 * A location without {@code classpath:} or {@code filesystem:} is a directory.
 */
public final class MigrationOptions {

    /** The default environment variable holding the password. */
    public static final String DEFAULT_PASSWORD_ENV = "DBOPT_PASSWORD";

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "JDBC URL of the database, e.g. jdbc:postgresql://host:5432/app or jdbc:mariadb://host/app.")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Database user (default: the one in the URL).")
    String user;

    @Option(names = "--password", arity = "0..1", interactive = true, paramLabel = "PASSWORD",
            description = "Prompt for the password. Avoid giving it as a value: it would land in shell history.")
    char[] password;

    @Option(names = "--password-env", paramLabel = "NAME", defaultValue = DEFAULT_PASSWORD_ENV,
            description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordEnv = DEFAULT_PASSWORD_ENV;

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

    /** The URL, if one was given. */
    Optional<String> url() {
        return Optional.ofNullable(url).filter(u -> !u.isBlank());
    }

    /** A data source for {@code --url}; warns when the password was typed on the command line. */
    DataSource dataSource(PrintWriter err, List<String> originalArgs) {
        String jdbcUrl = url().orElseThrow(() -> new IllegalArgumentException(
                "--url is required: the JDBC URL of the database to migrate"));
        if (passwordGivenAsValue(originalArgs)) {
            err.println("warning: a password on the command line lands in shell history; prefer the "
                    + passwordEnv + " environment variable or --password without a value to be prompted");
        }
        DriverDataSource ds = DriverDataSource.of(jdbcUrl).withUser(user).withPassword(resolvePassword());
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return ds.withProperty("ApplicationName", "dbopt-migration").withProperty("connectTimeout", "10");
        }
        return lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")
                ? ds.withProperty("connectTimeout", "10000") : ds;
    }

    private static boolean passwordGivenAsValue(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--password=")
                    || arg.equals("--password") && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                return true;
            }
        }
        return false;
    }

    private char[] resolvePassword() {
        if (password != null && password.length > 0) {
            return password.clone();
        }
        String fromEnv = passwordEnv == null ? null : System.getenv(passwordEnv);
        return fromEnv == null ? null : fromEnv.toCharArray();
    }

    /** The URL with secrets masked, for messages. */
    String redactedUrl() {
        return Redaction.redactUrl(url);
    }

    /**
     * The framework for the data source and the {@code --set}/{@code --requires} options.
     *
     * @throws IllegalArgumentException for malformed options (a usage error)
     */
    MigrationFramework framework(DataSource dataSource) {
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
                .classLoader(Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : MigrationOptions.class.getClassLoader());
        builders.values().forEach(b -> framework.set(b.build()));
        return framework.load();
    }
}
