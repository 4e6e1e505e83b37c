package io.dbopt.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dbopt completion}: prints the shell completion script picocli generates from the command model (every
 * subcommand, option and enum value), for bash and for zsh through {@code bashcompinit}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a completion script for bash and zsh.",
            "Load it now:        source <(dbopt completion)",
            "Or install it:      dbopt completion > /etc/bash_completion.d/dbopt",
            "zsh first runs:     autoload -U +X bashcompinit && bashcompinit"})
final class CompletionCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("dbopt", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
