package io.dbopt.core.finding;

/** The kind of thing a finding is about. */
public enum ObjectType {
    /** The server or database as a whole. */
    DATABASE,
    /** A schema (PostgreSQL) or database (MariaDB). */
    SCHEMA,
    /** A table. */
    TABLE,
    /** A column, named {@code table.column}. */
    COLUMN,
    /** An index. */
    INDEX,
    /** A constraint (foreign key, unique, check). */
    CONSTRAINT,
    /** A server setting. */
    SETTING,
    /** A session or connection pool. */
    CONNECTION,
    /** A query, named by its fingerprint. */
    QUERY,
    /** A place in application code, named {@code class.method(file:line)}. */
    CALL_SITE,
    /** A migration script or set. */
    MIGRATION,
    /** A transaction. */
    TRANSACTION,
    /** Anything else. */
    OTHER
}
