package io.dbopt.cli.migration;

import io.dbopt.cli.ExitCodes;
import io.dbopt.cli.ReportOptions;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import io.dbopt.core.finding.FindingsReport;
import io.dbopt.migration.MigrationErrorCode;
import java.io.PrintWriter;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every migration command shares: the exit codes (0 ok, 1 findings at or above {@code --fail-on}, 2 usage or
 * configuration error, 3 database error or failed operation) and the mapping of exceptions to them. Messages are
 * redacted before they are printed.
 */
final class MigrationCli {

    /** Errors in what the user asked for (sets, requirements, names), not in the database. */
    private static final Set<MigrationErrorCode> USAGE_ERRORS = Set.of(MigrationErrorCode.INVALID_CONFIGURATION,
            MigrationErrorCode.UNKNOWN_SET, MigrationErrorCode.MISSING_DEPENDENCY, MigrationErrorCode.DEPENDENCY_CYCLE,
            MigrationErrorCode.SCRIPT_NOT_FOUND);

    private MigrationCli() {
    }

    /** Runs a command body that yields a report, prints it and returns the exit code. */
    static int run(String command, PrintWriter out, PrintWriter err, ReportOptions output,
                   ReportOptions.FailOn defaultFailOn, Supplier<FindingsReport> body) {
        try {
            FindingsReport report = output.applySuppressions(body.get());
            output.print(report, out);
            return output.exitCode(report, defaultFailOn);
        } catch (DbOptException e) {
            err.println("dbopt " + command + ": " + Redaction.redactText(e.getMessage()));
            err.flush();
            return e.errorCode() instanceof MigrationErrorCode code && USAGE_ERRORS.contains(code) ? ExitCodes.USAGE : ExitCodes.DATABASE;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("dbopt " + command + ": " + Redaction.redactText(e.getMessage()));
            err.flush();
            return ExitCodes.USAGE;
        }
    }
}
