package io.dbopt.query.sql;

/** What a SQL statement does, as far as counting, caching and invalidation care. */
public enum StatementKind {
    /** A query: {@code SELECT}, {@code WITH ... SELECT}, {@code VALUES}, {@code TABLE}, {@code SHOW}. */
    SELECT,
    /** {@code INSERT}, {@code REPLACE}, {@code UPSERT}. */
    INSERT,
    /** {@code UPDATE}. */
    UPDATE,
    /** {@code DELETE}. */
    DELETE,
    /** {@code MERGE}. */
    MERGE,
    /** A stored procedure or function call: {@code CALL}, {@code {call ...}}. */
    CALL,
    /** Schema changes: {@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRUNCATE}, {@code RENAME}. */
    DDL,
    /** Anything else: {@code SET}, {@code BEGIN}, {@code COMMIT}, {@code EXPLAIN}, {@code ANALYZE}, ... */
    OTHER;

    /** Whether the statement changes rows of the tables it names ({@code INSERT}, {@code UPDATE}, ...). */
    public boolean isDataChange() {
        return this == INSERT || this == UPDATE || this == DELETE || this == MERGE;
    }
}
