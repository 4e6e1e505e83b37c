package io.dbopt.cli;

import io.dbopt.core.Redaction;
import io.dbopt.core.jdbc.DriverDataSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * How a command reaches its database: {@code --url}, {@code --user}, and a password taken from an environment
 * variable ({@code DBOPT_PASSWORD} unless {@code --password-env} names another) or typed at a prompt
 * ({@code --password} without a value). A password given as {@code --password=secret} is accepted, with a warning,
 * because it lands in shell history. Used as a picocli mixin.
 */
public final class ConnectionOptions {

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

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DoctorCommand.DurationConverter.class,
            description = "Longest wait to open a connection, log-in included (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout = Duration.ofSeconds(10);

    @Option(names = "--socket-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = DoctorCommand.DurationConverter.class,
            description = "Longest wait for the server's next byte, so a silent server cannot hang the command; "
                    + "keep it above the statement timeout (default: ${DEFAULT-VALUE}).")
    Duration socketTimeout = Duration.ofMinutes(5);

    @Option(names = "--password-env", paramLabel = "NAME", defaultValue = DEFAULT_PASSWORD_ENV,
            description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    /** The URL, if one was given. */
    public Optional<String> url() {
        return Optional.ofNullable(url).filter(u -> !u.isBlank());
    }

    /** The URL with secrets masked, for messages. */
    public String redactedUrl() {
        return Redaction.redactUrl(url);
    }

    /** The connect timeout ({@code --connect-timeout}). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The socket timeout ({@code --socket-timeout}). */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /**
     * A data source for the URL, with the connect and socket timeouts of these options and dbopt's driver safety
     * defaults; warns on {@code err} when the password came from the command line.
     *
     * @throws IllegalStateException when no URL was given
     */
    public DataSource dataSource(String applicationName, PrintWriter err, boolean passwordFromArgs) {
        String jdbcUrl = url().orElseThrow(() -> new IllegalStateException("--url is required here"));
        if (passwordFromArgs) {
            err.println("warning: a password on the command line lands in shell history; prefer the "
                    + passwordEnv + " environment variable or --password without a value to be prompted");
        }
        DriverDataSource ds = DriverDataSource.of(jdbcUrl).withUser(user).withPassword(resolvePassword())
                .withTimeouts(connectTimeout, socketTimeout);
        String lower = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return ds.withProperty("ApplicationName", applicationName);
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return ds.withProperty("connectionAttributes", "program_name:" + applicationName);
        }
        return ds;
    }

    /**
     * The {@code database.*} settings of these options ({@code database.url}, {@code database.user},
     * {@code database.password}), for components that open connections of their own.
     *
     * @throws IllegalStateException when no URL was given
     */
    public java.util.Map<String, Object> databaseSettings() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("database.url", url().orElseThrow(() -> new IllegalStateException("--url is required here")));
        if (user != null) {
            m.put("database.user", user);
        }
        char[] pw = resolvePassword();
        if (pw != null && pw.length > 0) {
            m.put("database.password", new String(pw));
        }
        return m;
    }

    /** Whether a password was typed as a value on the command line, and so landed in shell history. */
    public static boolean passwordGivenAsValue(java.util.List<String> originalArgs) {
        for (int i = 0; i < originalArgs.size(); i++) {
            String arg = originalArgs.get(i);
            if (arg.startsWith("--password=") || arg.equals("--password") && i + 1 < originalArgs.size()
                    && !originalArgs.get(i + 1).startsWith("-")) {
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
}
