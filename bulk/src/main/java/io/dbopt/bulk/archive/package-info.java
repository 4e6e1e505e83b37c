/**
 * Archival: {@link io.dbopt.bulk.archive.Archiver} moves rows matching a condition into an archive table, chunk by
 * chunk, verified by counts, on one server or to another; dry runs ({@link io.dbopt.bulk.archive.ArchivePlan}) and
 * recurring runs.
 */
package io.dbopt.bulk.archive;
