package io.dbopt.query;

import io.dbopt.query.sql.SqlFacts;

/**
 * What the profiler resolved for one SQL text: its facts and the statistics it records into. Immutable; when the
 * statistics are evicted from the capped map the registry builds a new shape.
 */
final class Shape {

    final SqlFacts facts;
    final FingerprintStats stats;
    final boolean write;

    Shape(SqlFacts facts, FingerprintStats stats) {
        this.facts = facts;
        this.stats = stats;
        this.write = facts.isWrite();
    }
}
