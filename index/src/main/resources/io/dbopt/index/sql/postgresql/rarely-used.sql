-- index.rarely-used: indexes scanned at least once but fewer times than a threshold since the statistics were
-- reset, at least a given size, that back no constraint and do not start with the columns of a foreign key.
-- Parameters: schema, scan threshold (exclusive), minimum index size in bytes.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       i.relname AS index_name,
       s.idx_scan AS scans,
       pg_relation_size(x.indexrelid) AS index_bytes,
       coalesce(ts.n_tup_ins + ts.n_tup_upd + ts.n_tup_del, 0) AS table_writes,
       coalesce(to_char(d.stats_reset, 'YYYY-MM-DD"T"HH24:MI:SSOF'), 'database creation') AS stats_since
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_stat_all_indexes s ON s.indexrelid = x.indexrelid
LEFT JOIN pg_catalog.pg_stat_all_tables ts ON ts.relid = x.indrelid
LEFT JOIN pg_catalog.pg_stat_database d ON d.datname = current_database()
WHERE n.nspname = ?
  AND i.relkind = 'i'
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
  AND s.idx_scan > 0
  AND s.idx_scan < ?
  AND pg_relation_size(x.indexrelid) >= ?
ORDER BY index_bytes DESC, table_name, index_name
