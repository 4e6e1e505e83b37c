package io.dbopt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dbopt} command: entry point of the fat jar. */
@Command(name = "dbopt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Finds what makes a PostgreSQL or MariaDB database slow or unsafe, and says how to fix it.",
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
            // module commands: add yours above this line
        })
public final class DbOptCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

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

    private static CommandLine commandLine() {
        return new CommandLine(new DbOptCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
