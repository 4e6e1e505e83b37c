-- index.unused: indexes never scanned since the statistics were reset, at least a given size, that back no
-- constraint and do not start with the columns of a foreign key (the index a foreign key needs is kept). An index
-- of a partition that is attached to a partitioned index cannot be dropped alone: the partitioned index is examined
-- instead, with the scans and sizes of all its partitions' indexes. Scans and writes come from the statistics
-- functions the pg_stat_all_* views are built on: joined per index, those views are aggregated again for every
-- row, which made this query quadratic in the number of relations. Sizes are read last, only for the indexes that
-- pass every other test (reading an index's size opens it: a third of the query's time at 1,000 tables).
-- Parameters: schema, minimum index size in bytes.
SELECT c.schema_name,
       c.table_name,
       c.index_name,
       c.partitioned,
       c.scans,
       sz.bytes AS index_bytes,
       c.table_writes,
       c.stats_since
FROM (
    SELECT n.nspname AS schema_name,
           t.relname AS table_name,
           i.relname AS index_name,
           i.relkind = 'I' AS partitioned,
           x.indexrelid,
           sc.scans,
           pg_catalog.pg_stat_get_tuples_inserted(x.indrelid) + pg_catalog.pg_stat_get_tuples_updated(x.indrelid)
               + pg_catalog.pg_stat_get_tuples_deleted(x.indrelid) AS table_writes,
           coalesce(to_char(d.stats_reset, 'YYYY-MM-DD"T"HH24:MI:SSOF'), 'database creation') AS stats_since
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(pg_catalog.pg_stat_get_numscans(r.relid)), 0) AS scans
        FROM (SELECT x.indexrelid AS relid WHERE i.relkind = 'i'
              UNION ALL
              SELECT pt.relid FROM pg_catalog.pg_partition_tree(x.indexrelid) pt WHERE i.relkind = 'I' AND pt.isleaf) r
    ) sc
    LEFT JOIN pg_catalog.pg_stat_database d ON d.datname = current_database()
    WHERE n.nspname = ?
      AND i.relkind IN ('i', 'I')
      AND NOT i.relispartition
      AND x.indisvalid
      AND NOT x.indisunique AND NOT x.indisprimary AND NOT x.indisexclusion
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = x.indexrelid)
      AND NOT EXISTS (
          SELECT 1
          FROM pg_catalog.pg_constraint f
          WHERE f.contype = 'f'
            AND f.conrelid = x.indrelid
            AND cardinality(f.conkey) <= x.indnkeyatts
            AND (x.indkey::int2[])[0:cardinality(f.conkey) - 1] @> f.conkey
            AND (x.indkey::int2[])[0:cardinality(f.conkey) - 1] <@ f.conkey)
      AND sc.scans = 0
    OFFSET 0 -- keeps the sizes below out of the filtering above
) c
CROSS JOIN LATERAL (
    SELECT coalesce(sum(pg_relation_size(r.relid)), 0) AS bytes
    FROM (SELECT c.indexrelid AS relid WHERE NOT c.partitioned
          UNION ALL
          SELECT pt.relid FROM pg_catalog.pg_partition_tree(c.indexrelid) pt WHERE c.partitioned AND pt.isleaf) r
) sz
WHERE sz.bytes >= ?
ORDER BY index_bytes DESC, table_name, index_name
