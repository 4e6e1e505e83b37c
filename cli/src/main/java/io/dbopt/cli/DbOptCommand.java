package io.dbopt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code dbopt} command: entry point of the fat jar. Global options, accepted before or after the subcommand:
 * {@code --quiet}, {@code --no-color}; {@code --version} prints dbopt's, the JDBC drivers' and Java's versions, and
 * with {@code --url} the version of that server.
 */
@Command(name = "dbopt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Finds what makes a PostgreSQL or MariaDB database slow or unsafe, and says how to fix it.",
            "",
            "--quiet and --no-color also work after a command. The connection options here serve --version only",
            "(dbopt --version --url JDBC_URL also prints that server's version); a command takes its own."},
        subcommands = {
            DoctorCommand.class,
            io.dbopt.cli.migration.MigrateCommand.class,
            io.dbopt.cli.migration.InfoCommand.class,
            io.dbopt.cli.migration.ValidateCommand.class,
            io.dbopt.cli.migration.LintCommand.class,
            io.dbopt.cli.migration.RollbackCommand.class,
            io.dbopt.cli.migration.PlanCommand.class,
            io.dbopt.cli.health.HealthCommand.class,
            io.dbopt.cli.bulk.LoadCommand.class, io.dbopt.cli.bulk.ArchiveCommand.class,
            CompletionCommand.class,
            // module commands: add yours above this line
        })
public final class DbOptCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Print only the report and errors: no progress and no notes on standard error.")
    boolean quiet;

    @Option(names = "--no-color", scope = CommandLine.ScopeType.INHERIT,
            description = "Never colour the report, even on a terminal (the NO_COLOR environment variable does the "
                    + "same).")
    boolean noColor;

    /** With {@code --version}: the database whose server version to print. */
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the process's standard streams and returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with the given output (reports) and error (progress, messages) writers. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    /** The command line with dbopt's settings and execution strategy, not yet run. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DbOptCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        return cli.setExecutionStrategy(parsed -> {
            // the root's connection options only serve --version: before a subcommand they would be ignored
            if (parsed.hasSubcommand() && CONNECTION_OPTIONS.stream().anyMatch(parsed::hasMatchedOption)) {
                cli.getErr().println("dbopt: connection options go after the subcommand, e.g. dbopt doctor --url "
                        + "jdbc:postgresql://host/app");
                cli.getErr().flush();
                return ExitCodes.USAGE;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
    }

    private static final java.util.List<String> CONNECTION_OPTIONS = java.util.List.of("--url", "--user",
            "--password", "--password-env");

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
