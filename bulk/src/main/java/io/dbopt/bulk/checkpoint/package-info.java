/**
 * The checkpoint table through which chunked jobs and resumable loads resume and share work
 * ({@link io.dbopt.bulk.checkpoint.CheckpointTable}, {@code FOR UPDATE SKIP LOCKED}).
 */
package io.dbopt.bulk.checkpoint;
