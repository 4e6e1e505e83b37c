/**
 * The catalog checks behind {@link io.dbopt.index.IndexUsageAnalyzer} and {@link io.dbopt.index.MissingIndexDetector}:
 * each a small class over one query kept in {@code io/dbopt/index/sql/<dialect>/<name>.sql}, returning
 * {@link io.dbopt.core.finding.Finding}s with the DROP or CREATE statement that fixes them.
 */
package io.dbopt.index.check;
