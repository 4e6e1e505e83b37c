/**
 * What a bulk operation reports when it fails: {@link io.dbopt.bulk.failure.BulkErrorCode}, rejected rows
 * ({@link io.dbopt.bulk.failure.BadRow}) and where they go ({@link io.dbopt.bulk.failure.BadRowHandler},
 * {@link io.dbopt.bulk.failure.RejectFile}).
 */
package io.dbopt.bulk.failure;
