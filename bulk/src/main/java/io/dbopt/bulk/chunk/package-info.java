/**
 * Chunked, resumable jobs: {@link io.dbopt.bulk.chunk.ChunkManager} runs {@link io.dbopt.bulk.chunk.ChunkedJob}s
 * (updates, backfills, deletes, copies, custom work) by key ranges with a checkpoint table, adaptive chunk size,
 * throttling and workers sharing the job through {@code FOR UPDATE SKIP LOCKED}.
 */
package io.dbopt.bulk.chunk;
