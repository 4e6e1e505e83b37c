package io.dbopt.json;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a workload uses one JSON column: which operators, how often, which paths.
 *
 * @param table the table
 * @param column the column
 * @param type its type ({@code jsonb}, {@code json}, {@code text}; MariaDB JSON is {@code json})
 * @param tableRows the table's estimated rows
 * @param calls executions of statements with a JSON predicate on the column
 * @param operators executions per operator
 * @param paths the compared paths, most executed first
 * @param statements the statements (fingerprints, values masked), most executed first
 */
public record JsonColumnUsage(String table, String column, String type, long tableRows, long calls,
                              Map<JsonOperator, Long> operators, List<PathUsage> paths, List<String> statements) {

    /** Validates and copies. */
    public JsonColumnUsage {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        operators = Map.copyOf(operators);
        paths = List.copyOf(paths);
        statements = List.copyOf(statements);
    }
}
