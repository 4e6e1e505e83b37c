/**
 * Loading rows: {@link io.dbopt.bulk.load.BatchProcessor} with {@link io.dbopt.bulk.load.LoadRequest},
 * {@link io.dbopt.bulk.load.RowMapping}, {@link io.dbopt.bulk.load.RowSource} and
 * {@link io.dbopt.bulk.load.LoadResult}; PostgreSQL COPY (binary and text), MariaDB LOAD DATA LOCAL INFILE from a
 * stream, batched INSERTs, upserts through a staging table, bad-row isolation and resumable loads.
 */
package io.dbopt.bulk.load;
