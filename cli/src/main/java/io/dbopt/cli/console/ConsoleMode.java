package io.dbopt.cli.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * How a command writes to the console, decided once per run from the global options and the environment:
 *
 * <ul>
 *   <li>{@code --quiet}: only the report (standard output) and errors; no progress and no notes on standard error;
 *   <li>progress as a bar redrawn in place only when standard error is a terminal, else plain lines, so logs and
 *       pipes stay readable ({@code DBOPT_PROGRESS=bar|plain} overrides the detection, {@code TERM=dumb} means
 *       plain);
 *   <li>colour by severity in the text report only when standard output is a terminal, unless {@code --no-color}
 *       or the {@code NO_COLOR} environment variable (any value) says otherwise; {@code DBOPT_COLOR=always} forces
 *       it.
 * </ul>
 *
 * @param quiet nothing but the report and errors
 * @param bar progress drawn as a bar (never when quiet)
 * @param colour the text report coloured by severity
 */
public record ConsoleMode(boolean quiet, boolean bar, boolean colour) {

    /** Validates: a quiet run draws no bar. */
    public ConsoleMode {
        if (quiet && bar) {
            throw new IllegalArgumentException("A quiet console draws no progress bar");
        }
    }

    /** Plain lines, no colour: what a pipe gets. */
    public static final ConsoleMode PLAIN = new ConsoleMode(false, false, false);

    /** The mode of a running command: its own and its parents' {@code --quiet} and {@code --no-color}. */
    public static ConsoleMode of(CommandSpec spec) {
        boolean quiet = false;
        boolean noColour = false;
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            ParseResult parsed = s.commandLine().getParseResult();
            if (parsed != null) {
                quiet |= parsed.hasMatchedOption("--quiet");
                noColour |= parsed.hasMatchedOption("--no-color");
            }
        }
        return decide(quiet, noColour, System::getenv, isTerminal(2), isTerminal(1));
    }

    /** The mode of a run without {@code --quiet} or {@code --no-color}: the environment and the terminals decide. */
    public static ConsoleMode detect() {
        return decide(false, false, System::getenv, isTerminal(2), isTerminal(1));
    }

    /**
     * The decision itself, from the options, the environment and whether standard error and output are terminals.
     */
    static ConsoleMode decide(boolean quiet, boolean noColour, UnaryOperator<String> env, boolean stderrTerminal,
                              boolean stdoutTerminal) {
        boolean dumb = "dumb".equals(env.apply("TERM"));
        String forcedProgress = env.apply("DBOPT_PROGRESS");
        boolean bar = forcedProgress != null && !forcedProgress.isBlank()
                ? forcedProgress.trim().equalsIgnoreCase("bar") : stderrTerminal && !dumb;
        String forcedColour = env.apply("DBOPT_COLOR");
        boolean colour = !noColour && env.apply("NO_COLOR") == null
                && ("always".equalsIgnoreCase(forcedColour) || stdoutTerminal && !dumb);
        return new ConsoleMode(quiet, bar && !quiet, colour);
    }

    /** Whether file descriptor {@code fd} of this process is a terminal (Linux: /proc; else the console). */
    static boolean isTerminal(int fd) {
        try {
            Path link = Path.of("/proc/self/fd/" + fd);
            if (Files.exists(link)) {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
        return System.console() != null;
    }
}
