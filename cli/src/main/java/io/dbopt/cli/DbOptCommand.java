package io.dbopt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dbopt} command: entry point of the fat jar. */
@Command(name = "dbopt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Finds what makes a PostgreSQL or MariaDB database slow or unsafe, and says how to fix it.",
        subcommands = {
            DoctorCommand.class,
            // module commands: add yours above this line
        })
public final class DbOptCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        return new CommandLine(new DbOptCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
