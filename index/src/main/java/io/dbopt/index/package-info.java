/**
 * Index analysis and advice: {@link io.dbopt.index.IndexManager} finds unused, duplicate, redundant, invalid and
 * bloated indexes ({@link io.dbopt.index.IndexUsageAnalyzer}) and missing ones
 * ({@link io.dbopt.index.MissingIndexDetector}), recommends indexes for a {@link io.dbopt.index.Workload} validated by
 * what-if costing ({@link io.dbopt.index.IndexRecommender}), and creates or drops indexes online.
 */
package io.dbopt.index;
