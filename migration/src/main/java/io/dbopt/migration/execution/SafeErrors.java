package io.dbopt.migration.execution;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps row values out of what a failed migration reports: a data error (SQLState class 22; MariaDB 1264, 1265, 1292,
 * 1366, 1406, whatever their SQLState) or a constraint violation carries the offending value in the driver's message
 * and detail, so such an error is described by its SQLState and kind only, and replaced in exception chains by a copy
 * without the text. Other errors (a syntax error, a missing table) name only what the script wrote and pass through.
 * Stateless.
 */
final class SafeErrors {

    private static final Set<Integer> MARIADB_DATA_ERRORS = Set.of(1264, 1265, 1292, 1366, 1406);

    private SafeErrors() {
    }

    /** Whether the error's text may hold a row's value. */
    static boolean carriesValues(Throwable error) {
        Optional<String> state = SqlErrors.sqlState(error);
        if (state.filter(s -> s.startsWith("22")).isPresent()) {
            return true;
        }
        if (SqlErrors.vendorCode(error).filter(MARIADB_DATA_ERRORS::contains).isPresent()) {
            return true;
        }
        return SqlErrors.classify(error).isConstraintViolation();
    }

    /** The database's reason in one line, without values when the error may carry them. */
    static String describe(Throwable error) {
        ErrorKind kind = SqlErrors.classify(error);
        String prefix = "SQLState " + SqlErrors.sqlState(error).orElse("none") + " (" + kind + ")"
                + SqlErrors.vendorCode(error).filter(c -> c != 0).map(c -> ", error " + c).orElse("");
        if (kind.isConstraintViolation()) {
            return prefix + ": existing rows violate the constraint";
        }
        if (carriesValues(error)) {
            return prefix + ": a row's value does not fit the statement (values are not shown: query the table for "
                    + "the rows the failed statement reads)";
        }
        Throwable sql = error;
        while (sql != null && !(sql instanceof SQLException)) {
            sql = sql.getCause();
        }
        return prefix + ": " + firstLine((sql != null ? sql : error).getMessage());
    }

    /**
     * The error itself when its text holds no row values, else an {@link SQLException} with the same SQLState, vendor
     * code and stack trace whose message is {@link #describe(Throwable)}, and no cause.
     */
    static Throwable withoutValues(Throwable error) {
        if (!carriesValues(error)) {
            return error;
        }
        SQLException safe = new SQLException(describe(error), SqlErrors.sqlState(error).orElse(null),
                SqlErrors.vendorCode(error).orElse(0));
        safe.setStackTrace(error.getStackTrace());
        return safe;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
