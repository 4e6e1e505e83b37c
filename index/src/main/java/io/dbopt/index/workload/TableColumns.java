package io.dbopt.index.workload;

import io.dbopt.index.TableName;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table's columns and their types as the catalog reports them.
 *
 * @param table the table, schema filled in
 * @param columnTypes column name to data type (e.g. {@code bigint}, {@code jsonb}, {@code ARRAY}), in column order
 * @param rows the estimated number of rows
 * @param bytes the table's size on disk
 */
public record TableColumns(TableName table, Map<String, String> columnTypes, long rows, long bytes) {

    /** Validates and copies, keeping the column order. */
    public TableColumns {
        Objects.requireNonNull(table, "table");
        columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
    }

    /**
     * The catalog spelling of a column, matched exactly or, when {@code ignoreCase}, without regard to case (MariaDB
     * column names are case-insensitive).
     */
    public Optional<String> column(String name, boolean ignoreCase) {
        if (columnTypes.containsKey(name)) {
            return Optional.of(name);
        }
        if (ignoreCase) {
            String lower = name.toLowerCase(Locale.ROOT);
            return columnTypes.keySet().stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
        }
        return Optional.empty();
    }

    /** The data type of a column (catalog spelling), empty when unknown. */
    public String type(String column) {
        return columnTypes.getOrDefault(column, "");
    }
}
