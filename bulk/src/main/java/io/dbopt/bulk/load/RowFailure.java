package io.dbopt.bulk.load;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Rows the server refused without failing the statement (MariaDB's {@code LOAD DATA LOCAL} turns errors into
 * warnings), or a row count that does not match the rows sent. The statement's transaction is rolled back.
 */
final class RowFailure extends SQLException {

    private static final long serialVersionUID = 1L;

    /** One refused row, numbered from 1 within the statement. */
    record Hint(int row, Optional<String> column, String sqlState, String message) {
    }

    private final transient List<Hint> hints;

    RowFailure(String message, String sqlState, List<Hint> hints) {
        super(message, sqlState);
        this.hints = List.copyOf(hints);
    }

    List<Hint> hints() {
        return hints;
    }
}
