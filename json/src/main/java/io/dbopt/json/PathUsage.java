package io.dbopt.json;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How a workload compares the value at one path of a JSON column.
 *
 * @param path the path
 * @param operator how the value is read ({@link JsonOperator#EXTRACT_TEXT}, {@link JsonOperator#JSON_VALUE}, ...)
 * @param comparisons how it is compared
 * @param cast the type it is cast to before comparing, empty for none
 * @param calls executions of the statements that compare it
 * @param constant whether some statement compares it with a constant (a partial index candidate)
 * @param distinctValues distinct values at the path in the sampled rows, when sampled
 * @param presentShare share of sampled rows that have a value at the path, when sampled
 */
public record PathUsage(JsonPath path, JsonOperator operator, Set<Comparison> comparisons, String cast, long calls,
                        boolean constant, OptionalLong distinctValues, OptionalDouble presentShare) {

    /** Validates and copies. */
    public PathUsage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operator, "operator");
        comparisons = Set.copyOf(comparisons);
        Objects.requireNonNull(cast, "cast");
        Objects.requireNonNull(distinctValues, "distinctValues");
        Objects.requireNonNull(presentShare, "presentShare");
    }
}
