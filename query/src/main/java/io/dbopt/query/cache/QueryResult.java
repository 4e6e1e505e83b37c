package io.dbopt.query.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The rows of a cached query, with values in a small set of types that survive the trip through the shared tier
 * unchanged: {@code null}, {@link Boolean}, {@link Long} (every integer type), {@link Double} (float types),
 * {@link java.math.BigDecimal}, {@link String}, {@code byte[]}, {@link java.time.LocalDate},
 * {@link java.time.LocalTime}, {@link java.time.LocalDateTime}, {@link java.time.OffsetDateTime} and
 * {@link java.util.UUID}. Other JDBC values (json, arrays, vendor objects) are kept as their text. Immutable.
 *
 * @param columns the column labels, in order
 * @param rows the rows, each with one value per column
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {

    /** Validates and copies. */
    public QueryResult {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("A row has " + row.size() + " values for " + columns.size()
                        + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** How many rows. */
    public int size() {
        return rows.size();
    }

    /** Whether there are no rows. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Row {@code index} (from 0). */
    public Row row(int index) {
        return new Row(this, rows.get(index));
    }

    /** Maps every row. */
    public <T> List<T> map(Function<Row, T> mapper) {
        List<T> mapped = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            mapped.add(mapper.apply(new Row(this, r)));
        }
        return mapped;
    }

    int columnIndex(String label) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No column '" + label + "' in " + columns);
    }

    /** A view of one row with typed getters by column label (case-insensitive). */
    public static final class Row {
        private final QueryResult result;
        private final List<Object> values;

        Row(QueryResult result, List<Object> values) {
            this.result = result;
            this.values = values;
        }

        /** The value of a column, possibly null. */
        public Object get(String column) {
            return values.get(result.columnIndex(column));
        }

        /** The value of a column as text; null stays null. */
        public String getString(String column) {
            Object v = get(column);
            return v == null ? null : v.toString();
        }

        /**
         * The value of a numeric column as a long.
         *
         * @throws IllegalStateException when the value is null or not a number
         */
        public long getLong(String column) {
            Object v = get(column);
            if (v instanceof Number n) {
                return n.longValue();
            }
            throw new IllegalStateException("Column " + column + " holds " + (v == null ? "NULL"
                    : v.getClass().getSimpleName().toLowerCase(Locale.ROOT)) + ", not a number");
        }

        /** The values in column order. */
        public List<Object> values() {
            return values;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Row other && values.equals(other.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(values);
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }
}
