package io.dbopt.json;

import io.dbopt.core.Dialect;
import java.util.List;
import java.util.Objects;

/**
 * The path a predicate follows into a JSON document: object keys and array positions from the root. A path hidden by
 * statement normalisation ({@code col ->> $1} in {@code pg_stat_statements}, {@code JSON_VALUE(col, ?)} in a
 * digest) is {@link #unknown()}.
 *
 * @param steps the keys and positions, from the root; empty for the document itself
 * @param known whether the path was in the statement text
 */
public record JsonPath(List<Step> steps, boolean known) {

    /**
     * One step: an object key or an array position.
     *
     * @param key the key, or the position in decimal
     * @param position whether it is an array position
     */
    public record Step(String key, boolean position) {
        /** Validates. */
        public Step {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Copies. */
    public JsonPath {
        steps = List.copyOf(steps);
    }

    /** The document itself. */
    public static JsonPath root() {
        return new JsonPath(List.of(), true);
    }

    /** A path the statement text does not show. */
    public static JsonPath unknown() {
        return new JsonPath(List.of(), false);
    }

    /** A path of object keys. */
    public static JsonPath of(String... keys) {
        return new JsonPath(java.util.Arrays.stream(keys).map(k -> new Step(k, false)).toList(), true);
    }

    /** Whether every step is an object key. */
    public boolean keysOnly() {
        return steps.stream().noneMatch(Step::position);
    }

    /**
     * The PostgreSQL expression reaching the path from a column, ending with {@code ->>} (text) or {@code ->}:
     * {@code "attrs" -> 'a' ->> 'b'}, keys bound as literals with quotes doubled.
     */
    public String postgres(Dialect dialect, String column, boolean text) {
        StringBuilder sb = new StringBuilder(dialect.quote(column));
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(i == steps.size() - 1 && text ? " ->> " : " -> ");
            sb.append(s.position() ? s.key() : "'" + s.key().replace("'", "''") + "'");
        }
        return sb.toString();
    }

    /** The SQL/JSON path: {@code $.a."b c"[0]}. */
    public String sqlJson() {
        StringBuilder sb = new StringBuilder("$");
        for (Step s : steps) {
            if (s.position()) {
                sb.append('[').append(s.key()).append(']');
            } else if (s.key().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                sb.append('.').append(s.key());
            } else {
                sb.append(".\"").append(s.key().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.toString();
    }

    /** A short name for the path: {@code a.b[0]}; {@code ?} when unknown. */
    @Override
    public String toString() {
        if (!known) {
            return "?";
        }
        String s = sqlJson();
        return s.length() == 1 ? "$" : s.substring(s.charAt(1) == '.' ? 2 : 1);
    }
}
