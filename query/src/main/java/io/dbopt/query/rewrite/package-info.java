/**
 * JSqlParser-based rewrite rules, applied only when they preserve results and given as advice otherwise
 * ({@link io.dbopt.query.rewrite.QueryRewriter}).
 */
package io.dbopt.query.rewrite;
