package io.dbopt.cli.migration;

import io.dbopt.core.finding.FindingsReport;
import io.dbopt.core.finding.Severity;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How a migration command prints its report and turns it into an exit code, like the doctor:
 * {@code --format text|json|html} and {@code --fail-on info|warning|error|critical|never}. A picocli mixin.
 */
public final class OutputOptions {

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

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} "
                    + "(default: never; error for lint).")
    FailOn failOn;

    /** Prints the report in the chosen format. */
    void print(FindingsReport report, PrintWriter out) {
        switch (format) {
            case JSON -> out.println(report.toJson());
            case HTML -> out.println(report.toHtml());
            default -> out.print(report.toText());
        }
        out.flush();
    }

    /** The exit code: {@link MigrationCli#FINDINGS} when a finding reaches {@code --fail-on} (or the default). */
    int exitCode(FindingsReport report, FailOn defaultFailOn) {
        FailOn threshold = failOn == null ? defaultFailOn : failOn;
        if (threshold == FailOn.NEVER) {
            return MigrationCli.OK;
        }
        return report.countAtLeast(Severity.valueOf(threshold.name().toUpperCase(Locale.ROOT))) > 0
                ? MigrationCli.FINDINGS : MigrationCli.OK;
    }
}
