package io.dbopt.query.recording;

import io.dbopt.query.sql.SqlFacts;

/**
 * What the profiler resolved for one SQL text: its facts and the statistics it records into. The JDBC wrappers hold
 * one per prepared statement and hand it back with each execution. Immutable; when its statistics are evicted from
 * the capped map it goes {@link #isStale() stale} and {@link Recorder#shape(String)} builds a new one.
 */
public final class Shape {

    final SqlFacts facts;
    final FingerprintStats stats;
    final boolean write;

    Shape(SqlFacts facts, FingerprintStats stats) {
        this.facts = facts;
        this.stats = stats;
        this.write = facts.isWrite();
    }

    /** What the statement is: fingerprint, kind, tables. */
    public SqlFacts facts() {
        return facts;
    }

    /** Whether its statistics left the capped map, so that the holder should look the SQL up again. */
    public boolean isStale() {
        return stats.isEvicted();
    }
}
