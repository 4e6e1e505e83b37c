/**
 * dbopt-bulk: {@link io.dbopt.bulk.BulkOperationHandler} loads rows at COPY speed, runs chunked resumable jobs and
 * archival, and tracks their progress; settings in {@link io.dbopt.bulk.BulkKeys}, meters in
 * {@link io.dbopt.bulk.BulkMeters}. See {@code docs/bulk.md}.
 */
package io.dbopt.bulk;
