package io.dbopt.json;

/** How a value reached through a JSON path is compared. */
public enum Comparison {
    /** The operator is the predicate itself ({@code @>}, {@code ?}, jsonpath). */
    NONE,
    /** {@code = value}. */
    EQUALITY,
    /** {@code IN (...)}. */
    IN,
    /** {@code <, <=, >, >=, BETWEEN}. */
    RANGE,
    /** {@code LIKE 'prefix%'}. */
    LIKE,
    /** {@code IS [NOT] NULL}. */
    IS_NULL,
    /** Any other comparison ({@code <>}, {@code LIKE '%x'}), which no index serves. */
    OTHER
}
