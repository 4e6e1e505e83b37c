package io.dbopt.cli.health;

import io.dbopt.cli.ConnectionOptions;
import io.dbopt.cli.ExitCodes;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import io.dbopt.core.component.Health;
import io.dbopt.core.component.HealthJson;
import io.dbopt.core.component.HealthStatus;
import io.dbopt.core.config.DbOptConfig;
import io.dbopt.health.DatabaseHealthMonitor;
import io.dbopt.health.HealthKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dbopt health}: asks a database how it is, on a connection of its own and within a deadline, and prints
 * every check (text or the Spring Boot actuator's JSON). The exit code says the status; {@code --watch} repeats the
 * check every interval and redraws the answer in place until interrupted.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Checks a database's health on a connection of its own, within a deadline, and prints every "
                + "check: connectivity and latency, connections, long and blocked sessions, wraparound, sequences, "
                + "replication, cache, invalid objects, bloat, deadlocks, temp files.",
            "The URL comes from --url, or database.url in --config or DBOPT_DATABASE_URL."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:UP", "1:DEGRADED (a check crossed its threshold, or the database is slow)",
            "2:invalid command line or settings", "3:DOWN (the database refused or did not answer)"})
public final class HealthCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format {
        /** One line per check, for a terminal. */
        TEXT,
        /** The Spring Boot actuator health JSON. */
        JSON
    }

    /** Clears the terminal and moves the cursor home, so {@code --watch} redraws in place. */
    static final String CLEAR = "\u001b[H\u001b[2J";

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (.properties or .json) with database.url and health.* thresholds.")
    Path config;

    @Option(names = "--checks", paramLabel = "NAMES", split = ",",
            description = "Only these checks, e.g. --checks connections,long-queries (default: all).")
    List<String> checks;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Deadline of one check (default: health.timeout, 5s).")
    String timeout;

    @Option(names = "--watch", description = "Check again every --interval and redraw in place until interrupted.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Time between checks with --watch (default: health.interval, 10s).")
    String interval;

    @Option(names = "--count", paramLabel = "N", hidden = true,
            description = "With --watch, stop after N checks (for scripts and tests).")
    int count;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DbOptConfig settings;
        try {
            settings = settings();
        } catch (DbOptException | IllegalArgumentException e) {
            err.println("dbopt health: " + Redaction.redactText(e.getMessage()));
            return ExitCodes.USAGE;
        }
        if (connection.url().isEmpty() && settings.database().isEmpty()) {
            err.println("dbopt health: no database given: use --url, database.url in --config, or "
                    + "DBOPT_DATABASE_URL in the environment");
            return ExitCodes.USAGE;
        }
        try (DatabaseHealthMonitor monitor = monitor(settings, err)) {
            Duration pause = settings.get(HealthKeys.INTERVAL);
            Health h = monitor.checkNow();
            print(h, out, false);
            for (int n = 1; watch && (count <= 0 || n < count) && !Thread.currentThread().isInterrupted(); n++) {
                TimeUnit.NANOSECONDS.sleep(pause.toNanos());
                h = monitor.checkNow();
                print(h, out, true);
            }
            return exitCode(h.status());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        } catch (DbOptException e) {
            err.println("dbopt health: " + Redaction.redactText(e.getMessage()));
            return ExitCodes.USAGE;
        }
    }

    /** The exit code of a status: UP 0, DEGRADED 1, DOWN 3. */
    static int exitCode(HealthStatus status) {
        return switch (status) {
            case UP -> ExitCodes.OK;
            case DEGRADED -> ExitCodes.FINDINGS;
            case DOWN -> ExitCodes.DATABASE;
        };
    }

    private DbOptConfig settings() {
        DbOptConfig base = config == null ? DbOptConfig.empty() : DbOptConfig.fromFile(config);
        base = base.withOverrides(DbOptConfig.fromEnvironment());
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(HealthKeys.ALERTS_ENABLED.name(), false);
        overrides.put(HealthKeys.APPLICATION_NAME.name(), "dbopt-health-cli");
        if (checks != null && !checks.isEmpty()) {
            overrides.put(HealthKeys.CHECKS.name(), String.join(",", checks));
        }
        if (timeout != null) {
            overrides.put(HealthKeys.TIMEOUT.name(), HealthKeys.TIMEOUT.parse(timeout));
        }
        if (interval != null) {
            overrides.put(HealthKeys.INTERVAL.name(), HealthKeys.INTERVAL.parse(interval));
        }
        return base.withOverrides(DbOptConfig.of(overrides));
    }

    private DatabaseHealthMonitor monitor(DbOptConfig settings, PrintWriter err) {
        DatabaseHealthMonitor.Builder b = DatabaseHealthMonitor.builder().name("dbopt-health").config(settings);
        if (connection.url().isPresent()) {
            DataSource ds = connection.dataSource("dbopt-health-cli", err,
                    ConnectionOptions.passwordGivenAsValue(spec.commandLine().getParseResult().originalArgs()));
            b.checkerDataSource(ds);
        }
        return b.build();
    }

    private void print(Health h, PrintWriter out, boolean redraw) {
        if (redraw && format == Format.TEXT) {
            out.print(CLEAR);
        }
        out.println(format == Format.JSON ? HealthJson.write(h) : HealthText.render(h));
        out.flush();
    }
}
