package io.dbopt.bulk.load;

import io.dbopt.bulk.failure.BadRowHandler;
import io.dbopt.core.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What to load and how: the target table, the {@link RowMapping}, and options that override the handler's
 * configuration (strategy, chunk size, upsert keys, bad-row handling, a job id that makes the load resumable).
 *
 * <pre>{@code
 * LoadRequest<Order> request = LoadRequest.into("orders", ORDERS)
 *         .upsertOn("id")              // COPY into a staging table, then INSERT ... ON CONFLICT / ON DUPLICATE KEY
 *         .maxErrors(100)              // reject up to 100 bad rows, then stop
 *         .onBadRow(row -> log.warn("{}", row.describe()))
 *         .jobId("orders-2024-06-01"); // resumable: a rerun skips what was committed
 * }</pre>
 *
 * <p>A mutable builder: not thread-safe; the processor copies what it needs when a load starts.
 *
 * @param <T> the row type
 */
public final class LoadRequest<T> {

    final String table;
    final RowMapping<T> mapping;
    String schema;
    LoadStrategy strategy = LoadStrategy.AUTO;
    Integer chunkRows;
    List<String> upsertKeys = List.of();
    List<String> updateColumns;
    BadRowHandler onBadRow = BadRowHandler.ignore();
    Long maxErrors;
    Boolean showValues;
    String rejectTable;
    String jobId;
    Long expectedRows;

    private LoadRequest(String table, RowMapping<T> mapping) {
        this.table = Checks.notBlank("table", table);
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** A load into {@code table} (in the current schema or database unless {@link #schema(String)} says). */
    public static <T> LoadRequest<T> into(String table, RowMapping<T> mapping) {
        return new LoadRequest<>(table, mapping);
    }

    /** The schema (PostgreSQL) or database (MariaDB) of the table. */
    public LoadRequest<T> schema(String value) {
        this.schema = Checks.notBlank("schema", value);
        return this;
    }

    /** How rows reach the server; {@link LoadStrategy#AUTO} unless set. */
    public LoadRequest<T> strategy(LoadStrategy value) {
        this.strategy = Objects.requireNonNull(value, "strategy");
        return this;
    }

    /** Rows per chunk (one transaction each); {@code bulk.chunk_rows} unless set. */
    public LoadRequest<T> chunkRows(int value) {
        this.chunkRows = Checks.inRange("chunkRows", value, 1, 10_000_000);
        return this;
    }

    /**
     * Makes the load an upsert on these key columns (a primary key or unique key of the table): rows go to a staging
     * table first, then {@code INSERT ... ON CONFLICT (keys) DO UPDATE} (PostgreSQL) or
     * {@code ON DUPLICATE KEY UPDATE} (MariaDB) in the same transaction, updating every other mapped column unless
     * {@link #updateColumns(String...)} says which.
     */
    public LoadRequest<T> upsertOn(String... keyColumns) {
        if (keyColumns.length == 0) {
            throw new IllegalArgumentException("upsertOn needs at least one key column");
        }
        for (String k : keyColumns) {
            if (!mapping.columns().contains(k)) {
                throw new IllegalArgumentException("Upsert key '" + k + "' is not a mapped column: map it, or use one "
                        + "of " + mapping.columns());
            }
        }
        this.upsertKeys = List.of(keyColumns);
        return this;
    }

    /** The columns an upsert updates on existing rows (default: every mapped column that is not a key). */
    public LoadRequest<T> updateColumns(String... columns) {
        List<String> list = new ArrayList<>();
        for (String c : columns) {
            if (!mapping.columns().contains(c)) {
                throw new IllegalArgumentException("Update column '" + c + "' is not a mapped column");
            }
            list.add(c);
        }
        this.updateColumns = List.copyOf(list);
        return this;
    }

    /** Where rejected rows go, as they are found. */
    public LoadRequest<T> onBadRow(BadRowHandler handler) {
        this.onBadRow = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** How many rows may be rejected before the load stops; {@code bulk.max_errors} unless set. */
    public LoadRequest<T> maxErrors(long value) {
        this.maxErrors = Checks.notNegative("maxErrors", value);
        return this;
    }

    /** Whether bad-row reports show the row's values and the server's full message; {@code bulk.show_values}. */
    public LoadRequest<T> showValues(boolean value) {
        this.showValues = value;
        return this;
    }

    /**
     * Also records rejected rows in this table (created when missing, name quoted by the dialect), in the same
     * transaction as the checkpoint that moves past them.
     */
    public LoadRequest<T> rejectTable(String name) {
        this.rejectTable = Checks.notBlank("rejectTable", name);
        return this;
    }

    /**
     * Makes the load resumable under this id: each chunk's commit records the input rows it consumed in the
     * checkpoint table, and a load with the same id skips them. The source must give the same rows in the same order.
     */
    public LoadRequest<T> jobId(String value) {
        this.jobId = Checks.notBlank("jobId", value);
        if (value.length() > 190) {
            throw new IllegalArgumentException("jobId is at most 190 characters, was " + value.length());
        }
        return this;
    }

    /** How many rows the source will give, for progress and for choosing binary or text COPY. */
    public LoadRequest<T> expectedRows(long value) {
        this.expectedRows = Checks.notNegative("expectedRows", value);
        return this;
    }

    /** The target table. */
    public String table() {
        return table;
    }

    /** The job id, when the load is resumable. */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    OptionalInt chunkRowsSet() {
        return chunkRows == null ? OptionalInt.empty() : OptionalInt.of(chunkRows);
    }

    OptionalLong expected() {
        return expectedRows == null ? OptionalLong.empty() : OptionalLong.of(expectedRows);
    }
}
