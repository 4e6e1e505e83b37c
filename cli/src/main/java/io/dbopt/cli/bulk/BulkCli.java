package io.dbopt.cli.bulk;

import io.dbopt.bulk.BulkOperationHandler;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.cli.ConnectionOptions;
import io.dbopt.cli.ExitCodes;
import io.dbopt.cli.console.ConsoleMode;
import io.dbopt.cli.progress.ConsoleProgress;
import io.dbopt.core.DbOptException;
import io.dbopt.core.Redaction;
import io.dbopt.core.config.DbOptConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * What {@code dbopt load} and {@code dbopt archive} share: a handler on the command line's database with the
 * progress bar attached, and the mapping of exceptions to exit codes (0 done, 1 rows were rejected, 2 usage, 3
 * database error or failed job). Messages are redacted before they are printed.
 */
final class BulkCli {

    private static final Set<BulkErrorCode> USAGE = Set.of(BulkErrorCode.INVALID_REQUEST,
            BulkErrorCode.STRATEGY_UNAVAILABLE, BulkErrorCode.CHECKPOINT_CONFLICT);

    private BulkCli() {
    }

    /** Runs {@code body} with a handler, returning its exit code. */
    static int run(String command, ConnectionOptions connection, List<String> originalArgs, PrintWriter err,
                   ConsoleMode mode, Map<String, Object> settings, Function<BulkOperationHandler, Integer> body) {
        try {
            if (connection.url().isEmpty()) {
                throw new IllegalArgumentException("--url is required: the JDBC URL of the database");
            }
            DataSource ds = connection.dataSource("dbopt-" + command, err,
                    ConnectionOptions.passwordGivenAsValue(originalArgs));
            Map<String, Object> all = new java.util.LinkedHashMap<>(connection.databaseSettings());
            all.putAll(settings);
            ConsoleProgress progress = ConsoleProgress.create(err, mode);
            try (BulkOperationHandler bulk = BulkOperationHandler.builder().config(DbOptConfig.of(all))
                    .dataSource(ds).name(command).progressListener(progress.listener("[" + command + "]")).build()) {
                return body.apply(bulk);
            }
        } catch (DbOptException e) {
            err.println("dbopt " + command + ": " + Redaction.redactText(e.getMessage()));
            err.flush();
            return e.errorCode() instanceof BulkErrorCode code && USAGE.contains(code) ? ExitCodes.USAGE
                    : ExitCodes.DATABASE;
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("dbopt " + command + ": " + Redaction.redactText(e.getMessage()));
            err.flush();
            return ExitCodes.USAGE;
        }
    }
}
