package io.dbopt.query.plan;

/**
 * How to run EXPLAIN.
 *
 * @param analyze run the statement and report actual rows and times ({@code EXPLAIN ANALYZE}, MariaDB
 *     {@code ANALYZE}); reads run in a read-only transaction that is rolled back
 * @param buffers report buffer use too (PostgreSQL, with {@code analyze})
 * @param allowWrites also ANALYZE statements that change data: they run inside a transaction that is rolled back
 *     (on MariaDB only when every table written is InnoDB). Off by default
 */
public record ExplainOptions(boolean analyze, boolean buffers, boolean allowWrites) {

    /** EXPLAIN without running the statement: estimates only. */
    public static final ExplainOptions ESTIMATE = new ExplainOptions(false, false, false);

    /** EXPLAIN ANALYZE (with BUFFERS on PostgreSQL) for reads; writes are planned only. */
    public static final ExplainOptions ANALYZE = new ExplainOptions(true, true, false);

    /** These options, with writes analyzed inside a rolled-back transaction. */
    public ExplainOptions withWrites() {
        return new ExplainOptions(analyze, buffers, true);
    }
}
