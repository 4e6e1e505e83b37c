package io.dbopt.bulk.failure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One input row that could not be loaded: its number in the input (1-based, counted over every row read, before any
 * skip on resume), the column the server or the encoder blamed when one was named, the SQLState, and a reason whose
 * values are masked ({@code ****}) unless the load opted in to showing them. Immutable.
 *
 * @param rowNumber the row's position in the input, starting at 1
 * @param column the column blamed, when known
 * @param sqlState the SQLState of the server's error, {@code "client"} for a value the encoder refused
 * @param reason why, with values masked unless {@code values} are shown
 * @param values the row's values as text, only when the load opted in ({@code showValues(true)}); empty otherwise
 */
public record BadRow(long rowNumber, Optional<String> column, String sqlState, String reason, List<String> values) {

    /** Validates and copies. */
    public BadRow {
        if (rowNumber < 1) {
            throw new IllegalArgumentException("rowNumber starts at 1, was " + rowNumber);
        }
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(reason, "reason");
        values = values.stream().map(v -> v == null ? "\\N" : v).toList();
    }

    /** One line for logs and reports: {@code row 42, column amount: 22P02 invalid input syntax ... "****"}. */
    public String describe() {
        return "row " + rowNumber + column.map(c -> ", column " + c).orElse("") + ": " + sqlState + " " + reason;
    }
}
