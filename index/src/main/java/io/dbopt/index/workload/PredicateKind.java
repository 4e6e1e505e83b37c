package io.dbopt.index.workload;

/** How a statement uses a column, from an index's point of view. */
public enum PredicateKind {
    /** {@code col = value}, {@code col IS NULL}: an index can seek to it. */
    EQUALITY,
    /** {@code col IN (...)}, {@code col = ANY(...)}: several seeks. */
    IN,
    /** {@code <, <=, >, >=, BETWEEN, LIKE 'prefix%'}: an index can scan a range. */
    RANGE,
    /** {@code a.col = b.col}: a join key, an index on the inner side serves lookups per outer row. */
    JOIN,
    /** {@code col @> value} on jsonb or arrays: needs a GIN index. */
    CONTAINMENT,
    /** {@code col ? key}, {@code ?|}, {@code ?&} on jsonb: needs a GIN index with the default operator class. */
    KEY_EXISTS,
    /**
     * A {@code LIKE} pattern that starts with a wildcard ({@code '%x%'}): no B-tree can seek it; a trigram index
     * (PostgreSQL) or a full-text index with a changed query (MariaDB) can.
     */
    PATTERN
}
