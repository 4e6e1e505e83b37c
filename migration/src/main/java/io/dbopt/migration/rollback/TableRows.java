package io.dbopt.migration.rollback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rows of one table as they were before a migration, kept in the state table so a rollback can put them back:
 * every stored (not generated) column's value as text in the server's own text form (PostgreSQL's output function,
 * MariaDB's {@code CAST AS CHAR}, hex for binary columns), keyed by the primary key. When the table was not kept
 * (too many rows, no primary key, a column type that has no faithful text form), only {@code skipped} says why.
 *
 * @param table the table's name
 * @param columns its stored columns, in table order
 * @param key the primary key's column names
 * @param rows the rows, values in column order, SQL NULL as null
 * @param skipped why the rows were not kept, or null when they were
 */
public record TableRows(String table, List<Column> columns, List<String> key, List<List<String>> rows, String skipped) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TableRows {
        Objects.requireNonNull(table, "table");
        columns = columns == null ? List.of() : List.copyOf(columns);
        key = key == null ? List.of() : List.copyOf(key);
        List<List<String>> copy = new ArrayList<>();
        if (rows != null) {
            // List.copyOf refuses nulls, and a value may be SQL NULL
            rows.forEach(r -> copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(r))));
        }
        rows = List.copyOf(copy);
    }

    /**
     * One stored column.
     *
     * @param name the column's name
     * @param type the type to cast the text back to (PostgreSQL {@code format_type}; MariaDB's data type)
     * @param binary whether the text is hex (MariaDB binary types)
     * @param identityAlways whether it is a PostgreSQL {@code GENERATED ALWAYS AS IDENTITY} column, which an insert
     *     may set (with {@code OVERRIDING SYSTEM VALUE}) but an update may not
     */
    public record Column(String name, String type, boolean binary, boolean identityAlways) {
    }

    public static TableRows skipped(String table, String reason) {
        return new TableRows(table, List.of(), List.of(), List.of(), reason);
    }

    public boolean kept() {
        return skipped == null;
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the rows of " + table, e);
        }
    }

    public static TableRows fromJson(String json) {
        try {
            return JSON.readValue(json, TableRows.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored rows in the migration state table are not readable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
