/**
 * SQL analysis shared by the profiler, the cache, the rewriter and other modules: fingerprints, statement kinds and
 * the tables a statement reads and writes ({@link io.dbopt.query.sql.SqlAnalyzer}, {@link io.dbopt.query.sql.SqlFacts}),
 * on JSqlParser with a fallback on core's tokenizer ({@link io.dbopt.core.sql.SqlLexer}).
 */
package io.dbopt.query.sql;
