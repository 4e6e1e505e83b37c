package io.dbopt.query;

import java.util.Set;

/**
 * Hears about writes the profiler sees, for invalidation by table ({@link io.dbopt.query.cache.QueryCache} uses
 * it). Called on the thread that ran the statement, right after it completed, and again after the commit of a
 * transaction that wrote; implementations must be fast, thread-safe and must not run statements on the calling
 * connection. An exception thrown by a listener is logged and does not fail the statement.
 */
@FunctionalInterface
public interface WriteListener {

    /**
     * Tables were (or may have been) written.
     *
     * @param tables the tables written, as lower-case keys ({@link io.dbopt.query.sql.SqlFacts#tableKey})
     * @param unknownTables whether the statement changed data but its tables could not be told: treat every table
     *     as written
     */
    void tablesWritten(Set<String> tables, boolean unknownTables);
}
