package io.dbopt.bulk.archive;

/**
 * What an archive job would move (its dry run). Immutable.
 *
 * @param table the source table
 * @param rows rows matching the condition now
 * @param bytes their size: summed {@code pg_column_size} of the rows on PostgreSQL (exact), rows times the table's
 *     average row length on MariaDB (an estimate)
 * @param bytesEstimated whether {@code bytes} is an estimate
 */
public record ArchivePlan(String table, long rows, long bytes, boolean bytesEstimated) {
}
