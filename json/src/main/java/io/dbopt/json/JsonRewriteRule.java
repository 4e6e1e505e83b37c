package io.dbopt.json;

/** The rewrites of {@link JsonPathOptimizer}. */
public enum JsonRewriteRule {
    /**
     * {@code col ->> 'k' = 'v'} (or {@code col -> 'a' ->> 'k'}, {@code col #>> '{a,k}'}) to
     * {@code col @> '{"k":"v"}'}, which a GIN index serves (PostgreSQL). Applied when {@code 'v'} cannot be the text
     * of a number, boolean, object or array: then both are true exactly when the value at the path is the string
     * {@code "v"} (below the top level, jsonb containment matches a string only by an equal string, not by an array
     * holding it).
     */
    CONTAINMENT,
    /**
     * {@code jsonb_path_exists(col, path)} to {@code col @? path} and {@code jsonb_path_match(col, path)} to
     * {@code col @@ path}: the same result for lax paths whenever the function does not raise an error (the
     * operators return no row where it would fail); GIN serves the operators, not the functions.
     */
    JSONPATH_OPERATOR,
    /**
     * {@code jsonb_exists(col, k)} (and {@code _any}, {@code _all}) to {@code col ? k}: the operator is that function;
     * GIN serves the operator.
     */
    EXISTS_OPERATOR,
    /**
     * MariaDB: {@code JSON_VALUE(col, '$.k')} (or {@code JSON_UNQUOTE(JSON_EXTRACT(...))}) to an indexed generated
     * column of that expression, which MariaDB's optimizer does not substitute on its own.
     */
    GENERATED_COLUMN
}
