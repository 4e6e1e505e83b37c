package io.dbopt.index.workload;

/** The kind of a workload statement. */
public enum StatementKind {
    /** A query. */
    SELECT,
    /** An insert: costs every index of its table. */
    INSERT,
    /** An update: finds rows like a query, and costs the indexes on the columns it sets. */
    UPDATE,
    /** A delete: finds rows like a query, and costs every index of its table. */
    DELETE
}
