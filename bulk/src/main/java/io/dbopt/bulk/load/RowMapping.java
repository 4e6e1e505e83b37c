package io.dbopt.bulk.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How a row of type {@code T} becomes the values of the target table's columns: a column name and a getter per
 * column, written once (method references, no reflection on the hot path).
 *
 * <pre>{@code
 * RowMapping<Order> orders = RowMapping.<Order>builder()
 *         .column("id", Order::id)
 *         .column("customer", Order::customer)
 *         .column("placed_at", Order::placedAt)
 *         .build();
 * }</pre>
 *
 * <p>Getters return the Java value for the column: {@code Integer}/{@code Long}/{@code Short}, {@code BigDecimal},
 * {@code Double}/{@code Float}, {@code Boolean}, {@code String}, {@code LocalDate}, {@code LocalDateTime},
 * {@code OffsetDateTime}/{@code Instant} (for {@code timestamptz} / {@code TIMESTAMP}), {@code UUID},
 * {@code byte[]}, or {@code null}. A getter that throws rejects its row as a bad row. Immutable and thread-safe when
 * the getters are.
 *
 * @param <T> the row type
 */
public final class RowMapping<T> {

    private final List<String> columns;
    private final List<Function<? super T, ?>> getters;

    private RowMapping(List<String> columns, List<Function<? super T, ?>> getters) {
        this.columns = List.copyOf(columns);
        this.getters = List.copyOf(getters);
    }

    /** Starts a mapping. */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * A mapping for array rows (a {@code ResultSet}, a CSV file): element {@code i} goes to {@code columns[i]}.
     *
     * @throws IllegalArgumentException for no column, a blank or repeated name
     */
    public static RowMapping<Object[]> positional(String... columns) {
        return positional(List.of(columns));
    }

    /** As {@link #positional(String...)}. */
    public static RowMapping<Object[]> positional(List<String> columns) {
        Builder<Object[]> b = builder();
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            b.column(columns.get(i), row -> index < row.length ? row[index] : null);
        }
        return b.build();
    }

    /** The target columns, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The values of one row, in column order. */
    Object[] values(T row) {
        Object[] values = new Object[getters.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = getters.get(i).apply(row);
        }
        return values;
    }

    /** Builds a {@link RowMapping}. Not thread-safe. */
    public static final class Builder<T> {
        private final List<String> columns = new ArrayList<>();
        private final List<Function<? super T, ?>> getters = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        private Builder() {
        }

        /**
         * Maps a column.
         *
         * @throws IllegalArgumentException for a blank or repeated column name
         */
        public Builder<T> column(String name, Function<? super T, ?> getter) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A mapped column needs a name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Column '" + name + "' is mapped twice");
            }
            columns.add(name);
            getters.add(Objects.requireNonNull(getter, "getter"));
            return this;
        }

        /**
         * Builds the mapping.
         *
         * @throws IllegalStateException when no column was mapped
         */
        public RowMapping<T> build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("A row mapping needs at least one column");
            }
            return new RowMapping<>(columns, getters);
        }
    }
}
