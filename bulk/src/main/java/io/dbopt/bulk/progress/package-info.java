/**
 * Progress of bulk jobs: {@link io.dbopt.bulk.progress.ProgressTracker} (rows done, total, rows/s, ETA, per job and
 * per chunk), its {@link io.dbopt.bulk.progress.ProgressListener}s and {@link io.dbopt.bulk.progress.Progress}
 * snapshots.
 */
package io.dbopt.bulk.progress;
