package io.dbopt.bulk.load;

import io.dbopt.core.ErrorKind;
import io.dbopt.core.SqlErrors;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed statement says about its rows: whether the rows are to blame (a data or constraint error: split the
 * piece to find them), whether to try again (a lost connection, a deadlock), or neither (a missing privilege: stop).
 * Reasons are masked: every quoted text in the server's message that is not a known name becomes {@code ****}.
 */
final class FailureAnalysis {

    /** What to do about a failure. */
    enum Kind { ROWS, RETRY, FATAL }

    /** A refused row within the failed piece (index in the chunk), with what the server said about it. */
    record RowError(int index, Optional<String> column, String sqlState, String reason, String fullReason) {
    }

    /** The analysis of one failure. */
    record Failure(Kind kind, List<RowError> rows, Optional<String> column, String sqlState, String reason,
                   String fullReason, SQLException cause) {
    }

    /** MariaDB errors that blame a row's values: bad value, NULL, too long, out of range, duplicate, foreign key. */
    private static final Set<Integer> MARIADB_ROW_ERRORS = Set.of(1048, 1062, 1263, 1264, 1265, 1292, 1364, 1366,
            1406, 1451, 1452, 1586, 3819, 4025, 1690, 1367, 1411);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'");
    private static final Pattern MARIADB_COLUMN = Pattern.compile(
            "column (?:`[^`]*`\\.)*`([^`]*)`|column '([^']*)'");
    private static final Pattern PG_LINE = Pattern.compile("line (\\d+)(?:, column ([^:]+))?");

    private final boolean postgres;
    private final Set<String> knownNames;
    private final boolean showValues;

    FailureAnalysis(boolean postgres, Set<String> knownNames, boolean showValues) {
        this.postgres = postgres;
        Set<String> names = new java.util.HashSet<>();
        knownNames.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        names.add("primary");
        this.knownNames = Set.copyOf(names);
        this.showValues = showValues;
    }

    /** Analyses a failure of rows {@code [from, to)} of a chunk. */
    Failure analyse(SQLException e, int from, int to) {
        if (e instanceof RowFailure rf) {
            List<RowError> rows = new ArrayList<>();
            for (RowFailure.Hint h : rf.hints()) {
                int index = from + h.row() - 1;
                if (index >= from && index < to) {
                    rows.add(new RowError(index, h.column(), h.sqlState(), mask(h.message()), h.message()));
                }
            }
            return new Failure(Kind.ROWS, rows, Optional.empty(), rf.getSQLState(), mask(rf.getMessage()),
                    rf.getMessage(), e);
        }
        ErrorKind kind = SqlErrors.classify(e);
        String state = SqlErrors.sqlState(e).orElse("none");
        if (kind.connectionBroken() || kind.retryable()) {
            return new Failure(Kind.RETRY, List.of(), Optional.empty(), state, kind.toString(), kind.toString(), e);
        }
        boolean rowError = state.startsWith("22") || state.startsWith("23")
                || !postgres && SqlErrors.vendorCode(e).map(MARIADB_ROW_ERRORS::contains).orElse(false);
        if (!rowError) {
            return new Failure(Kind.FATAL, List.of(), Optional.empty(), state, mask(message(e)), message(e), e);
        }
        Optional<String> column = Optional.empty();
        List<RowError> rows = new ArrayList<>();
        String full = message(e);
        if (postgres) {
            PgErrorDetails details = PgErrorDetails.of(e);
            column = details.column();
            full = details.message() + details.detail().map(d -> " (" + d + ")").orElse("");
            Matcher m = PG_LINE.matcher(details.where().orElse(""));
            if (m.find() && details.where().orElse("").startsWith("COPY ")) {
                int index = from + Integer.parseInt(m.group(1)) - 1;
                if (m.group(2) != null) {
                    column = Optional.of(m.group(2).trim());
                }
                if (index >= from && index < to) {
                    rows.add(new RowError(index, column, state, mask(details.message()), full));
                }
            }
            return new Failure(Kind.ROWS, rows, column, state, mask(details.message()), full, e);
        }
        full = full.replaceFirst("^\\(conn=\\d+\\) ", "");
        return new Failure(Kind.ROWS, rows, mariaDbColumn(full), state, mask(full), full, e);
    }

    /** The column a MariaDB message names ({@code for column `db`.`t`.`c`}, {@code column 'c'}), if any. */
    static Optional<String> mariaDbColumn(String message) {
        Matcher col = MARIADB_COLUMN.matcher(message);
        return col.find() ? Optional.of(col.group(1) != null ? col.group(1) : col.group(2)) : Optional.empty();
    }

    /** The reason to report: the full text when values are shown, the masked one otherwise. */
    String reason(String masked, String full) {
        return showValues ? full : masked;
    }

    private static String message(SQLException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The message with every quoted text that is not a known table, column or key name replaced by ****. */
    String mask(String message) {
        if (message == null) {
            return "";
        }
        Matcher m = QUOTED.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String inner = m.group(1) != null ? m.group(1) : m.group(2);
            char q = m.group(1) != null ? '"' : '\'';
            String replacement = knownNames.contains(inner.toLowerCase(Locale.ROOT)) ? m.group() : q + "****" + q;
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        String out = sb.toString();
        // a statement the driver echoes may carry values: keep only the server's sentence
        int query = out.indexOf("\nQuery is:");
        return query >= 0 ? out.substring(0, query) : out;
    }
}
