package io.dbopt.cli;

import io.dbopt.cli.console.ConsoleMode;
import io.dbopt.cli.console.SeverityColours;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.Severity;
import io.dbopt.core.finding.Suppression;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How a command prints its report and turns it into an exit code: {@code --format text|json|html},
 * {@code --fail-on <severity>|never} and {@code --suppress}. Used as a picocli mixin.
 */
public final class ReportOptions {

    /** Output formats. */
    public enum Format {
        /** Plain text for a terminal. */
        TEXT,
        /** JSON for tools. */
        JSON,
        /** A self-contained HTML page. */
        HTML
    }

    /** Severities that fail the run, or never. */
    public enum FailOn {
        /** Any finding fails the run. */
        INFO,
        /** Warnings and worse fail the run. */
        WARNING,
        /** Errors and worse fail the run. */
        ERROR,
        /** Only critical findings fail the run. */
        CRITICAL,
        /** The run never fails on findings. */
        NEVER
    }

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} "
                    + "(default: never; error for lint and rollback --verify).")
    FailOn failOn;

    @Option(names = "--suppress", paramLabel = "CHECK[:OBJECT] REASON",
            description = "Ignore a check (for one object) and say why, e.g. "
                    + "--suppress 'index.unused:public.audit_idx kept for audits'. Repeatable.")
    List<String> suppress = new ArrayList<>();

    /** The parsed suppressions. */
    public List<Suppression> suppressions() {
        List<Suppression> result = new ArrayList<>();
        suppress.forEach(s -> result.add(Suppression.parse(s)));
        return result;
    }

    /**
     * Prints the report in the chosen format; text is coloured by severity when the command's console mode says so
     * (standard output a terminal, no {@code --no-color}, no {@code NO_COLOR}).
     */
    public void print(FindingsReport report, PrintWriter out) {
        switch (format) {
            case JSON -> out.println(report.toJson());
            case HTML -> out.println(report.toHtml());
            default -> {
                boolean colour = command != null && ConsoleMode.of(command).colour();
                out.print(colour ? SeverityColours.apply(report.toText()) : report.toText());
            }
        }
        out.flush();
    }

    /** The exit code for a report: {@link ExitCodes#FINDINGS} when a finding reaches {@code --fail-on}. */
    public int exitCode(FindingsReport report) {
        return exitCode(report, FailOn.NEVER);
    }

    /**
     * The exit code for a report, with the command's own default for when {@code --fail-on} was not given (lint
     * fails on errors unless told otherwise).
     */
    public int exitCode(FindingsReport report, FailOn commandDefault) {
        FailOn threshold = failOn == null ? commandDefault : failOn;
        if (threshold == FailOn.NEVER) {
            return ExitCodes.OK;
        }
        Severity severity = Severity.valueOf(threshold.name().toUpperCase(Locale.ROOT));
        return report.countAtLeast(severity) > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The report without the findings {@code --suppress} covers. */
    public FindingsReport applySuppressions(FindingsReport report) {
        return report.applying(suppressions());
    }
}
