/**
 * dbopt-json: JSON index advice from the workload ({@link io.dbopt.json.JsonIndexer}, through dbopt-index's
 * recommender), result-preserving JSON path rewrites ({@link io.dbopt.json.JsonPathOptimizer}), an application-side
 * zstd codec for document columns with trained dictionaries and bounded decompression
 * ({@link io.dbopt.json.JsonCompressor}), and diff-based change history ({@link io.dbopt.json.ChangeHistory}); entry
 * point {@link io.dbopt.json.JsonFieldOptimizer}. See {@code docs/json.md}.
 */
package io.dbopt.json;
