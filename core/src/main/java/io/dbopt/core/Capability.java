package io.dbopt.core;

/**
 * Features that differ between servers and versions. Code branches on these, never on the product name.
 */
public enum Capability {
    /** DDL takes part in transactions and rolls back with them (PostgreSQL). */
    TRANSACTIONAL_DDL,
    /** {@code CREATE INDEX CONCURRENTLY} (PostgreSQL). */
    CONCURRENT_INDEX,
    /** Online {@code ALTER TABLE ... ALGORITHM=INPLACE, LOCK=NONE} (MariaDB, MySQL). */
    ONLINE_ALTER,
    /** Partial indexes with a {@code WHERE} predicate (PostgreSQL). */
    PARTIAL_INDEX,
    /** Covering indexes with {@code INCLUDE} columns (PostgreSQL 11+). */
    INCLUDE_COLUMNS,
    /** Indexes on expressions (PostgreSQL; MySQL 8.0.13+ functional key parts). */
    EXPRESSION_INDEX,
    /** Indexes that can be hidden from the optimizer: MariaDB 10.6+ {@code IGNORED}, MySQL 8 {@code INVISIBLE}. */
    IGNORED_INDEX,
    /** {@code SELECT ... FOR UPDATE SKIP LOCKED} (PostgreSQL, MariaDB 10.6+, MySQL 8). */
    SKIP_LOCKED,
    /** {@code INSERT ... RETURNING} (PostgreSQL, MariaDB 10.5+). */
    RETURNING,
    /** A binary JSON type with GIN indexing: {@code jsonb} (PostgreSQL). */
    JSONB,
    /** Row-level security policies (PostgreSQL). */
    ROW_LEVEL_SECURITY,
    /** {@code DROP DATABASE ... WITH (FORCE)} (PostgreSQL 13+). */
    DROP_DATABASE_FORCE,
    /** Machine-readable plans: PostgreSQL {@code EXPLAIN (FORMAT JSON)}, MariaDB {@code EXPLAIN FORMAT=JSON}. */
    EXPLAIN_JSON,
    /** Plans with actual run-time figures: PostgreSQL {@code EXPLAIN ANALYZE}, MariaDB {@code ANALYZE}. */
    EXPLAIN_ANALYZE,
    /** Sequences ({@code CREATE SEQUENCE}; MariaDB 10.3+). */
    SEQUENCES,
    /** Enforced CHECK constraints (PostgreSQL, MariaDB 10.2+, MySQL 8.0.16+). */
    CHECK_CONSTRAINTS,
    /** Validating constraints later: {@code NOT VALID} then {@code VALIDATE CONSTRAINT} (PostgreSQL). */
    NOT_VALID_CONSTRAINTS,
    /** A per-statement time limit set from the session ({@code statement_timeout}, {@code max_statement_time}). */
    STATEMENT_TIMEOUT,
    /** Server-side statement statistics: {@code pg_stat_statements}, {@code performance_schema} digests. */
    STATEMENT_STATISTICS
}
