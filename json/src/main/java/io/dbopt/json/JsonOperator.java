package io.dbopt.json;

/** How a statement reaches into a JSON column. */
public enum JsonOperator {
    /** {@code col @> value}: containment (PostgreSQL jsonb); GIN serves it with either operator class. */
    CONTAINS,
    /** {@code col ? key}: key existence (jsonb); GIN with the default {@code jsonb_ops} only. */
    KEY_EXISTS,
    /** {@code col ?| keys}: any key exists (jsonb); GIN {@code jsonb_ops} only. */
    ANY_KEY_EXISTS,
    /** {@code col ?& keys}: all keys exist (jsonb); GIN {@code jsonb_ops} only. */
    ALL_KEYS_EXIST,
    /** {@code col @? path} or {@code col @@ path}: jsonpath (PostgreSQL 12+); GIN with either operator class. */
    JSONPATH,
    /**
     * {@code jsonb_path_exists(col, path)} / {@code jsonb_path_match(col, path)}: the function forms, which no index
     * serves; the operator forms do.
     */
    JSONPATH_FUNCTION,
    /** {@code jsonb_exists(col, key)} and friends: the function forms of {@code ?}, which no index serves. */
    EXISTS_FUNCTION,
    /** {@code col ->> 'k'} or {@code col #>> '{a,b}'} compared with a value: a B-tree expression index serves it. */
    EXTRACT_TEXT,
    /** {@code col -> 'k'} or {@code col #> '{a,b}'} compared with a value (as JSON). */
    EXTRACT,
    /**
     * MariaDB / MySQL {@code JSON_VALUE(col, '$.k')}, {@code JSON_UNQUOTE(JSON_EXTRACT(col, '$.k'))} or MySQL's
     * {@code col ->> '$.k'} compared with a value: an indexed generated column serves it.
     */
    JSON_VALUE,
    /** MariaDB / MySQL {@code JSON_EXTRACT(col, '$.k')} compared with a value. */
    JSON_EXTRACT,
    /** MariaDB / MySQL {@code JSON_CONTAINS(col, value[, path])}: no index serves it on MariaDB. */
    JSON_CONTAINS
}
