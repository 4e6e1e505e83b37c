package io.dbopt.index;

/** The access method of an index dbopt creates. */
public enum IndexMethod {
    /** A B-tree: equality, ranges, sorting (both servers). */
    BTREE,
    /** A GIN index with the default operator class: jsonb {@code @>, ?, ?|, ?&}, arrays (PostgreSQL). */
    GIN,
    /** A GIN index with {@code jsonb_path_ops}: smaller and faster, but only for {@code @>} (PostgreSQL). */
    GIN_JSONB_PATH
}
